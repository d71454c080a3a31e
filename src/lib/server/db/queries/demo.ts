// What only the demo writes: its simulated officers' past duty periods.
import type { Db } from '../schema.ts';

export async function insertDutyPeriod(db: Db, officerId: number, startedAt: number, endedAt: number): Promise<void> {
	await db.insertInto('duty_periods').values({ user_id: officerId, started_at: startedAt, ended_at: endedAt }).execute();
}
