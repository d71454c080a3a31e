import { json } from '@sveltejs/kit';
import type { ControlSnapshot } from '#lib/realtime/contract.ts';
import { auditBy } from '#lib/server/services/audit.ts';

/** The control room's resync point: on-duty officers with their last position, and hot spot states. */
export const GET = async ({ locals }) => {
	const { app } = locals;
	const officers = app.fleet.list();
	// officers' positions are personal data: each look at the whole picture is recorded
	await auditBy(app, locals.user, 'consultation', 'officer-positions', { officers: officers.length, view: 'control-room snapshot' });
	return json({ at: app.now(), officers, hotspots: app.presence.statuses() } satisfies ControlSnapshot);
};
