import { listOfficerTaskings } from '#lib/server/db/queries/taskings.ts';
import { isOnDuty } from '#lib/server/services/duty.ts';
import { officerHotspots } from '#lib/server/services/officer.ts';
import { currentVisits } from '#lib/server/services/visit-timer.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const me = locals.user!;
	const taskings = await listOfficerTaskings(app.db, me.id, app.now() - 12 * 3600_000);
	return {
		officer: { id: me.id, callsign: me.callsign, name: me.displayName },
		onDuty: await isOnDuty(app, me.id),
		hotspots: await officerHotspots(app),
		taskings: taskings.filter((t) => t.status === 'offered'),
		checklist: app.config.activityChecklist,
		// the visit timer survives a reload: the engine's open visits, before the socket's hello
		visits: await currentVisits(app, me.id)
	};
};
