import type { PolygonCoords } from '../../../domain/geo/geo.ts';
import type { Window } from '../../../domain/hotspots/types.ts';
import type { Db } from '../schema.ts';

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

type HotspotRow = {
	id: number;
	set_id: number;
	key: string;
	rank: number;
	name: string;
	geometry: string;
	centroid_lon: number;
	centroid_lat: number;
	min_lon: number;
	min_lat: number;
	max_lon: number;
	max_lat: number;
	crimes: number;
	harm: number;
	z: number;
	p: number;
	windows: string;
	why: string;
	briefing: string;
};

export function toHotspot(r: HotspotRow): Hotspot {
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

function toSet(r: {
	id: number;
	name: string;
	status: 'draft' | 'published' | 'archived';
	params: string;
	target_interval_s: number;
	created_at: number;
	published_at: number | null;
}): HotspotSet {
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
