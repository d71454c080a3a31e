import { getContext } from '#lib/server/context.ts';
import { listOfficerTaskings } from '#lib/server/db/queries/taskings.ts';
import { isOnDuty } from '#lib/server/services/duty.ts';
import { officerHotspots } from '#lib/server/services/officer.ts';

export const load = async ({ locals }) => {
	const ctx = getContext();
	const me = locals.user!;
	const taskings = await listOfficerTaskings(ctx.db, me.id, ctx.now() - 12 * 3600_000);
	return {
		officer: { id: me.id, callsign: me.callsign, name: me.displayName },
		onDuty: await isOnDuty(ctx, me.id),
		hotspots: await officerHotspots(ctx),
		taskings: taskings.filter((t) => t.status === 'offered'),
		checklist: ctx.config.activityChecklist
	};
};
