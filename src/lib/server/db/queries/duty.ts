import type { Db } from '../schema.ts';

/** Officers on duty now: a duty period with no end. */
export async function onDutySet(db: Db, officerIds: number[]): Promise<Set<number>> {
	if (officerIds.length === 0) return new Set();
	const rows = await db
		.selectFrom('duty_periods')
		.select('user_id')
		.where('user_id', 'in', officerIds)
		.where('ended_at', 'is', null)
		.execute();
	return new Set(rows.map((r) => r.user_id));
}

/**
 * Opens a duty period unless one is open: the partial unique index (one open period per officer)
 * decides, so two of these at once on any node open one. True when this call opened it.
 */
export async function startDuty(db: Db, userId: number, now: number): Promise<boolean> {
	const row = await db
		.insertInto('duty_periods')
		.values({ user_id: userId, started_at: now, ended_at: null })
		.onConflict((oc) => oc.column('user_id').where('ended_at', 'is', null).doNothing())
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

/** Ends the open duty period, if any. True when this call ended one. */
export async function endDuty(db: Db, userId: number, now: number): Promise<boolean> {
	const rows = await db
		.updateTable('duty_periods')
		.set({ ended_at: now })
		.where('user_id', '=', userId)
		.where('ended_at', 'is', null)
		.returning('id')
		.execute();
	return rows.length > 0;
}

export async function listOnDuty(db: Db): Promise<{ id: number; callsign: string; since: number }[]> {
	const rows = await db
		.selectFrom('duty_periods')
		.innerJoin('users', 'users.id', 'duty_periods.user_id')
		.select(['users.id', 'users.username', 'users.callsign', 'duty_periods.started_at'])
		.where('duty_periods.ended_at', 'is', null)
		.execute();
	return rows.map((r) => ({ id: r.id, callsign: r.callsign ?? r.username, since: r.started_at }));
}
