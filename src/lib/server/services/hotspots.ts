import { getPublishedSet, listHotspots, type Hotspot, type HotspotSet } from '../db/queries/hotspots.ts';
import type { Db } from '../db/schema.ts';

export interface LiveSet {
	set: HotspotSet;
	hotspots: Hotspot[];
	byId: Map<number, Hotspot>;
}

// The published set changes a few times a year; every fix and page needs it. Cache briefly so a
// publish on another node is seen within the TTL.
const TTL_MS = 15_000;
const cache = new WeakMap<Db, { at: number; value: LiveSet | null }>();

export async function publishedHotspots(db: Db, now: number): Promise<LiveSet | null> {
	const hit = cache.get(db);
	if (hit && now - hit.at < TTL_MS) return hit.value;
	const set = await getPublishedSet(db);
	const value = set ? { set, hotspots: await listHotspots(db, set.id), byId: new Map<number, Hotspot>() } : null;
	if (value) for (const h of value.hotspots) value.byId.set(h.id, h);
	cache.set(db, { at: now, value });
	return value;
}

export function invalidatePublishedHotspots(db: Db): void {
	cache.delete(db);
}
