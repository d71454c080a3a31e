// Areas an analyst excludes from detection (a prison, a hospital, water): stored as GeoJSON.
import type { Db } from '../schema.ts';

export interface ExclusionArea {
	id: number;
	name: string;
	kind: string;
	geometry: GeoJSON.Geometry;
}

export async function listExclusionAreas(db: Db): Promise<ExclusionArea[]> {
	const rows = await db.selectFrom('exclusion_areas').select(['id', 'name', 'kind', 'geometry']).orderBy('name').execute();
	return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, geometry: JSON.parse(r.geometry) as GeoJSON.Geometry }));
}

/** Every area's geometry, parsed. */
export async function exclusionGeometries(db: Db): Promise<{ type: string; coordinates: unknown }[]> {
	const rows = await db.selectFrom('exclusion_areas').select('geometry').execute();
	return rows.map((r) => JSON.parse(r.geometry) as { type: string; coordinates: unknown });
}

export async function countExclusionAreas(db: Db): Promise<number> {
	const r = await db.selectFrom('exclusion_areas').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function insertExclusionArea(db: Db, a: { name: string; kind: string; geometry: GeoJSON.Geometry; createdBy: number | null }, now: number): Promise<void> {
	await db.insertInto('exclusion_areas').values({ name: a.name, kind: a.kind, geometry: JSON.stringify(a.geometry), created_at: now, created_by: a.createdBy }).execute();
}

export async function deleteExclusionArea(db: Db, id: number): Promise<void> {
	await db.deleteFrom('exclusion_areas').where('id', '=', id).execute();
}
