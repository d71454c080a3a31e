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

export async function startDuty(db: Db, userId: number, now: number): Promise<void> {
	const open = await onDutySet(db, [userId]);
	if (open.has(userId)) return;
	await db.insertInto('duty_periods').values({ user_id: userId, started_at: now, ended_at: null }).execute();
}

export async function endDuty(db: Db, userId: number, now: number): Promise<void> {
	await db
		.updateTable('duty_periods')
		.set({ ended_at: now })
		.where('user_id', '=', userId)
		.where('ended_at', 'is', null)
		.execute();
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
