import { json } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';
import { auditBy } from '#lib/server/services/audit.ts';

/** The control room's resync point: on-duty officers with their last position, and hot spot states. */
export const GET = async ({ locals }) => {
	const ctx = getContext();
	const officers = ctx.fleet.list();
	// officers' positions are personal data: each look at the whole picture is recorded
	await auditBy(ctx, locals.user, 'consultation', 'officer-positions', { officers: officers.length, view: 'control-room snapshot' });
	return json({ at: ctx.now(), officers, hotspots: ctx.presence.statuses() });
};
