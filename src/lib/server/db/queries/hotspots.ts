import type { PolygonCoords } from '../../../domain/geo/geo.ts';
import type { Window } from '../../../domain/hotspots/types.ts';
import type { Selectable } from 'kysely';
import type { Db, HotspotSetsTable, HotspotsTable } from '../schema.ts';

export interface Hotspot {
	id: number;
	setId: number;
	key: string;
	rank: number;
	name: string;
	polygon: PolygonCoords;
	centroid: [number, number];
	bbox: [number, number, number, number];
	crimes: number;
	harm: number;
	z: number;
	p: number;
	windows: Window[];
	why: string;
	briefing: string;
}

export interface HotspotSet {
	id: number;
	name: string;
	status: 'draft' | 'published' | 'archived';
	params: Record<string, unknown>;
	/** the target interval between doses (docs/presence.md rule 10: 4 h), seconds */
	targetIntervalS: number;
	createdAt: number;
	publishedAt: number | null;
}

export function toHotspot(r: Selectable<HotspotsTable>): Hotspot {
	return {
		id: r.id,
		setId: r.set_id,
		key: r.key,
		rank: r.rank,
		name: r.name,
		polygon: JSON.parse(r.geometry),
		centroid: [r.centroid_lon, r.centroid_lat],
		bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
		crimes: r.crimes,
		harm: r.harm,
		z: r.z,
		p: r.p,
		windows: JSON.parse(r.windows),
		why: r.why,
		briefing: r.briefing
	};
}

function toSet(r: Selectable<HotspotSetsTable>): HotspotSet {
	return {
		id: r.id,
		name: r.name,
		status: r.status,
		params: JSON.parse(r.params),
		targetIntervalS: r.target_interval_s,
		createdAt: r.created_at,
		publishedAt: r.published_at
	};
}

export async function insertHotspotSet(
	db: Db,
	s: { name: string; params: Record<string, unknown>; targetIntervalS: number; createdBy: number | null },
	now: number
): Promise<number> {
	const r = await db
		.insertInto('hotspot_sets')
		.values({
			name: s.name,
			status: 'draft',
			params: JSON.stringify(s.params),
			target_interval_minutes: Math.round(s.targetIntervalS / 60),
			target_interval_s: s.targetIntervalS,
			created_at: now,
			created_by: s.createdBy,
			published_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function insertHotspots(db: Db, setId: number, hotspots: Omit<Hotspot, 'id' | 'setId'>[]) {
	for (let i = 0; i < hotspots.length; i += 100) {
		await db
			.insertInto('hotspots')
			.values(
				hotspots.slice(i, i + 100).map((h) => ({
					set_id: setId,
					key: h.key,
					rank: h.rank,
					name: h.name,
					geometry: JSON.stringify(h.polygon),
					centroid_lon: h.centroid[0],
					centroid_lat: h.centroid[1],
					min_lon: h.bbox[0],
					min_lat: h.bbox[1],
					max_lon: h.bbox[2],
					max_lat: h.bbox[3],
					crimes: h.crimes,
					harm: h.harm,
					z: h.z,
					p: h.p,
					windows: JSON.stringify(h.windows),
					why: h.why,
					briefing: h.briefing
				}))
			)
			.execute();
	}
}

/** Publishing archives the previously published set; older sets stay for evaluation. */
export async function publishHotspotSet(db: Db, setId: number, now: number) {
	await db.updateTable('hotspot_sets').set({ status: 'archived' }).where('status', '=', 'published').execute();
	await db.updateTable('hotspot_sets').set({ status: 'published', published_at: now }).where('id', '=', setId).execute();
}

export async function getPublishedSet(db: Db): Promise<HotspotSet | undefined> {
	const r = await db
		.selectFrom('hotspot_sets')
		.selectAll()
		.where('status', '=', 'published')
		.orderBy('published_at', 'desc')
		.executeTakeFirst();
	return r && toSet(r);
}

/** The set published before the live one (the latest archived set that was ever published): what a restore brings back. */
export async function previousPublishedSet(db: Db): Promise<HotspotSet | undefined> {
	const r = await db
		.selectFrom('hotspot_sets')
		.selectAll()
		.where('status', '=', 'archived')
		.where('published_at', 'is not', null)
		.orderBy('published_at', 'desc')
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return r && toSet(r);
}

export async function getHotspotSet(db: Db, id: number): Promise<HotspotSet | undefined> {
	const r = await db.selectFrom('hotspot_sets').selectAll().where('id', '=', id).executeTakeFirst();
	return r && toSet(r);
}

export async function listHotspotSets(db: Db): Promise<HotspotSet[]> {
	return (await db.selectFrom('hotspot_sets').selectAll().orderBy('id', 'desc').execute()).map(toSet);
}

export async function listHotspots(db: Db, setId: number): Promise<Hotspot[]> {
	const rows = await db.selectFrom('hotspots').selectAll().where('set_id', '=', setId).orderBy('rank').execute();
	return rows.map(toHotspot);
}

export async function getHotspot(db: Db, id: number): Promise<Hotspot | undefined> {
	const r = await db.selectFrom('hotspots').selectAll().where('id', '=', id).executeTakeFirst();
	return r && toHotspot(r);
}

export async function setBriefing(db: Db, id: number, briefing: string) {
	await db.updateTable('hotspots').set({ briefing }).where('id', '=', id).execute();
}

/** What a detection run found beyond its hot spots (study area, concentration, timing), kept with the set. */
export async function setSetResults(db: Db, setId: number, results: Record<string, unknown>): Promise<void> {
	await db.updateTable('hotspot_sets').set({ results: JSON.stringify(results) }).where('id', '=', setId).execute();
}

export async function getSetResults(db: Db, setId: number): Promise<Record<string, any>> {
	const r = await db.selectFrom('hotspot_sets').select('results').where('id', '=', setId).executeTakeFirstOrThrow();
	return JSON.parse(r.results) as Record<string, any>;
}

export async function setTargetInterval(db: Db, setId: number, targetIntervalS: number): Promise<void> {
	await db
		.updateTable('hotspot_sets')
		.set({ target_interval_s: targetIntervalS, target_interval_minutes: Math.round(targetIntervalS / 60) })
		.where('id', '=', setId)
		.execute();
}

/** Drafts beyond the newest `keep` are removed. */
export async function deleteOldDrafts(db: Db, keep: number): Promise<void> {
	const drafts = await db.selectFrom('hotspot_sets').select('id').where('status', '=', 'draft').orderBy('id', 'desc').execute();
	const old = drafts.slice(keep).map((d) => d.id);
	if (old.length) await db.deleteFrom('hotspot_sets').where('id', 'in', old).execute();
}

/** Hot spots per set. */
export async function hotspotCounts(db: Db): Promise<Map<number, number>> {
	const rows = await db
		.selectFrom('hotspots')
		.select(['set_id', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('set_id')
		.execute();
	return new Map(rows.map((c) => [c.set_id, Number(c.n)]));
}

/** Every hot spot's name and set, by id (exports name hot spots of any set). */
export async function hotspotNames(db: Db, setId?: number): Promise<Map<number, { id: number; name: string; set_id: number }>> {
	let q = db.selectFrom('hotspots').select(['id', 'name', 'set_id']);
	if (setId !== undefined) q = q.where('set_id', '=', setId);
	return new Map((await q.execute()).map((h) => [h.id, h]));
}

/** The set a hot spot belongs to, if it exists. */
export async function setOfHotspot(db: Db, id: number): Promise<number | undefined> {
	return (await db.selectFrom('hotspots').select('set_id').where('id', '=', id).executeTakeFirst())?.set_id;
}

/** The published set's hot spot centres (the demo's simulated officers head for them). */
export async function publishedCentroids(db: Db): Promise<[number, number][]> {
	const rows = await db
		.selectFrom('hotspots')
		.innerJoin('hotspot_sets', 'hotspot_sets.id', 'hotspots.set_id')
		.select(['hotspots.centroid_lon', 'hotspots.centroid_lat'])
		.where('hotspot_sets.status', '=', 'published')
		.execute();
	return rows.map((h) => [h.centroid_lon, h.centroid_lat]);
}

export async function hasPublishedSet(db: Db): Promise<boolean> {
	return (await db.selectFrom('hotspot_sets').select('id').where('status', '=', 'published').executeTakeFirst()) !== undefined;
}

/** A hot spot's name and briefing, for adding a line to it. */
export async function hotspotBriefing(db: Db, id: number): Promise<{ id: number; name: string; briefing: string } | undefined> {
	return db.selectFrom('hotspots').select(['id', 'name', 'briefing']).where('id', '=', id).executeTakeFirst();
}

/** A set's hot spots as places: id and polygon only. */
export async function hotspotPolygons(db: Db, setId: number): Promise<{ id: number; polygon: [number, number][][] }[]> {
	const rows = await db.selectFrom('hotspots').select(['id', 'geometry']).where('set_id', '=', setId).execute();
	return rows.map((h) => ({ id: h.id, polygon: JSON.parse(h.geometry) as [number, number][][] }));
}

/** A set's hot spot ids, in the order the database gives them (a trial's draws were made over this order). */
export async function hotspotIds(db: Db, setId: number): Promise<number[]> {
	return (await db.selectFrom('hotspots').select('id').where('set_id', '=', setId).execute()).map((h) => h.id);
}
