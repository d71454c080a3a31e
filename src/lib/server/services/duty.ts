import { endDuty, onDutySet, startDuty } from '../db/queries/duty.ts';
import type { AppContext } from '../context.ts';
import { auditBy } from './audit.ts';

/** Location is tracked only on duty: the server stores no fix from an officer who is off duty. */
export async function setDuty(ctx: AppContext, officer: { id: number; callsign: string }, onDuty: boolean): Promise<boolean> {
	const now = ctx.now();
	const was = await isOnDuty(ctx, officer.id);
	if (onDuty) await startDuty(ctx.db, officer.id, now);
	else await endDuty(ctx.db, officer.id, now);
	// the collection of an officer's location begins and ends with duty: both are recorded
	if (was !== onDuty) await auditBy(ctx, { id: officer.id, username: officer.callsign }, 'collection', `officer-location:${officer.id}`, { tracking: onDuty ? 'started' : 'stopped' });
	ctx.fleet.setDuty(officer.id, officer.callsign, onDuty, now);
	// going off duty ends any open visit at its last inside fix
	ctx.bus.publish('duty:changed', { officer: officer.id, callsign: officer.callsign, onDuty, at: now });
	return onDuty;
}

export async function isOnDuty(ctx: AppContext, officerId: number): Promise<boolean> {
	return (await onDutySet(ctx.db, [officerId])).has(officerId);
}
