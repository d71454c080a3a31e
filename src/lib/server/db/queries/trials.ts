// Randomised trials and their daily arms.
import type { Selectable } from 'kysely';
import type { Db, TrialsTable } from '../schema.ts';

export type Trial = Selectable<TrialsTable>;
export type Arm = 'treatment' | 'control';

export async function insertTrial(
	db: Db,
	t: { setId: number; name: string; seed: string; fraction: number; startDay: string; endDay: string; dayStartHour: number; tz: string; createdBy: number | null },
	now: number
): Promise<number> {
	const { id } = await db
		.insertInto('trials')
		.values({
			set_id: t.setId,
			name: t.name,
			seed: t.seed,
			fraction: t.fraction,
			start_day: t.startDay,
			end_day: t.endDay,
			day_start_hour: t.dayStartHour,
			tz: t.tz,
			status: 'running',
			created_at: now,
			created_by: t.createdBy
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export function listTrials(db: Db): Promise<Trial[]> {
	return db.selectFrom('trials').selectAll().orderBy('id', 'desc').execute();
}

export function getTrial(db: Db, id: number): Promise<Trial | undefined> {
	return db.selectFrom('trials').selectAll().where('id', '=', id).executeTakeFirst();
}

export function runningTrials(db: Db, setId: number): Promise<Trial[]> {
	return db.selectFrom('trials').selectAll().where('set_id', '=', setId).where('status', '=', 'running').execute();
}

export async function endTrial(db: Db, id: number): Promise<void> {
	await db.updateTable('trials').set({ status: 'ended' }).where('id', '=', id).execute();
}

/** A day's stored arms (empty until first drawn). */
export async function storedArms(db: Db, trialId: number, day: string): Promise<Map<number, Arm>> {
	const rows = await db.selectFrom('trial_assignments').select(['hotspot_id', 'arm']).where('trial_id', '=', trialId).where('day', '=', day).execute();
	return new Map(rows.map((r) => [r.hotspot_id, r.arm]));
}

/** Stores a day's arms; a draw stored meanwhile by another request stays as it was. */
export async function storeArms(db: Db, trialId: number, day: string, arms: Map<number, Arm>): Promise<void> {
	await db
		.insertInto('trial_assignments')
		.values([...arms.entries()].map(([hotspot_id, arm]) => ({ trial_id: trialId, day, hotspot_id, arm })))
		.onConflict((oc) => oc.columns(['trial_id', 'day', 'hotspot_id']).doNothing())
		.execute();
}
