import { endDuty, onDutySet, startDuty } from '../db/queries/duty.ts';
import type { LiveFleet } from './live-fleet.ts';
import type { BusDeps } from './deps.ts';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { audit } from './audit.ts';

/** duty changes reach the live fleet of this node directly, and the rest through the bus */
export interface DutyDeps extends BusDeps {
	fleet: Pick<LiveFleet, 'get' | 'setDuty'>;
}

// One officer's duty changes run one after another on this node, in the order they arrived, so
// the control room and the bus hear them in the order the database applied them. Across nodes
// the database keeps the record straight (one open period per officer, a unique index).
const queues = new WeakMap<object, Map<number, Promise<unknown>>>();

// keyed by the fleet: one per App, whichever object a caller hands in around it
function inTurn<T>(ctx: DutyDeps, officer: number, job: () => Promise<T>): Promise<T> {
	let perCtx = queues.get(ctx.fleet);
	if (!perCtx) queues.set(ctx.fleet, (perCtx = new Map()));
	const before = perCtx.get(officer) ?? Promise.resolve();
	const run = before.then(job, job);
	const tail = run.catch(() => {});
	perCtx.set(officer, tail);
	void tail.then(() => {
		if (perCtx.get(officer) === tail) perCtx.delete(officer);
	});
	return run;
}

/** Location is tracked only on duty: the server stores no fix from an officer who is off duty. */
export function setDuty(ctx: DutyDeps, officer: { id: number; callsign: string }, onDuty: boolean): Promise<boolean> {
	return inTurn(ctx, officer.id, async () => {
		const now = ctx.now();
		const changed = await inTransaction(ctx.db, async (tx) => {
			// the write says whether anything changed: no read-then-write for a racing request to slip between
			const done = onDuty ? await startDuty(tx, officer.id, now) : await endDuty(tx, officer.id, now);
			// the collection of an officer's location begins and ends with duty: both are recorded, with the change
			if (done) await audit(tx, { actor: { id: officer.id, name: officer.callsign }, operation: 'collection', subject: `officer-location:${officer.id}`, detail: { tracking: onDuty ? 'started' : 'stopped' } }, now);
			return done;
		});
		if (!changed) {
			// nothing to record; this node's picture may still have missed a change made elsewhere
			if ((ctx.fleet.get(officer.id) !== undefined) !== onDuty) ctx.fleet.setDuty(officer.id, officer.callsign, onDuty, now);
			return onDuty;
		}
		ctx.fleet.setDuty(officer.id, officer.callsign, onDuty, now);
		// going off duty ends any open visit at its last inside fix
		ctx.bus.publish('duty:changed', { officer: officer.id, callsign: officer.callsign, onDuty, at: now });
		return onDuty;
	});
}

export async function isOnDuty(ctx: { db: Db }, officerId: number): Promise<boolean> {
	return (await onDutySet(ctx.db, [officerId])).has(officerId);
}
