import { json } from '@sveltejs/kit';
import type { ControlSnapshot } from '#lib/realtime/contract.ts';
import { auditBy } from '#lib/server/services/audit.ts';
import { controlSnapshot } from '#lib/server/services/control-snapshot.ts';

/** The control room's resync point: on-duty officers with their last position, hot spot states, open gaps, recent taskings. */
export const GET = async ({ locals }) => {
	const { app } = locals;
	const snapshot = await controlSnapshot(app);
	// officers' positions are personal data: each look at the whole picture is recorded
	await auditBy(app, locals.user, 'consultation', 'officer-positions', { officers: snapshot.officers.length, view: 'control-room snapshot' });
	return json(snapshot);
};
