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

/** Of these hot spot ids, those in a set that has been published (now or before). */
export async function knownHotspots(db: Db, ids: number[]): Promise<Set<number>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Set();
	const rows = await db
		.selectFrom('hotspots')
		.innerJoin('hotspot_sets', 'hotspot_sets.id', 'hotspots.set_id')
		.select('hotspots.id')
		.where('hotspots.id', 'in', unique)
		.where('hotspot_sets.published_at', 'is not', null)
		.execute();
	return new Set(rows.map((r) => r.id));
}

export interface Activity {
	id: string;
	officer: number;
	hotspot: number | null;
	t: number;
	kind: string;
	note: string | null;
}

/** Everyone's activities in [from, to), in time order. */
export async function activitiesBetween(db: Db, from: number, to: number): Promise<Activity[]> {
	const rows = await db.selectFrom('activities').selectAll().where('t', '>=', from).where('t', '<', to).orderBy('t').execute();
	return rows.map((a) => ({ id: a.id, officer: a.officer_id, hotspot: a.hotspot_id, t: Number(a.t), kind: a.kind, note: a.note }));
}
