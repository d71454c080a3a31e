import { randomInt } from 'node:crypto';
import { pickHotspot, type Candidate } from '../../domain/allocation/send-me.ts';
import { haversine } from '../../domain/geo/geo.ts';
import { seededRandom } from '../../domain/random.ts';
import type { AppContext } from '../context.ts';
import { publishedHotspots } from './hotspots.ts';
import { createTasking } from './taskings.ts';

/** Picks a hot spot for an officer and records it as a self-tasking (with the seed, so it can be reproduced). */
export async function sendMe(ctx: AppContext, officerId: number, at: { lat: number; lon: number } | null) {
	const live = await publishedHotspots(ctx.db, ctx.now());
	if (!live || live.hotspots.length === 0) return null;
	const candidates: Candidate[] = live.hotspots.map((h) => ({
		id: h.id,
		metres: at ? haversine([at.lon, at.lat], h.centroid) : null,
		need: 1
	}));
	const seed = randomInt(2 ** 31);
	const id = pickHotspot(candidates, seededRandom(seed));
	if (id === null) return null;
	const tasking = await createTasking(ctx, { officer: officerId, hotspot: id, kind: 'self', createdBy: officerId, note: `send-me seed ${seed}` });
	return { hotspot: id, tasking: tasking.id, seed };
}
