import type { ActivitiesTable, Db } from '../schema.ts';

export async function insertActivities(db: Db, rows: ActivitiesTable[]): Promise<Set<string>> {
	if (rows.length === 0) return new Set();
	const out = await db
		.insertInto('activities')
		.values(rows)
		.onConflict((oc) => oc.column('id').doNothing())
		.returning('id')
		.execute();
	return new Set(out.map((r) => r.id));
}

export async function activityOwners(db: Db, ids: string[]): Promise<Map<string, number>> {
	if (ids.length === 0) return new Map();
	const rows = await db.selectFrom('activities').select(['id', 'officer_id']).where('id', 'in', ids).execute();
	return new Map(rows.map((r) => [r.id, r.officer_id]));
}

export async function listActivities(db: Db, officerId: number, from: number, to: number) {
	return db
		.selectFrom('activities')
		.selectAll()
		.where('officer_id', '=', officerId)
		.where('t', '>=', from)
		.where('t', '<', to)
		.orderBy('t')
		.execute();
}
