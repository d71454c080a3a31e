import { randomInt } from 'node:crypto';
import { pickHotspot, type Candidate } from '../../domain/allocation/send-me.ts';
import { haversine } from '../../domain/geo/geo.ts';
import type { SendMeAnswer } from '../../realtime/contract.ts';
import { seededRandom } from '../../domain/random.ts';
import type { BusDeps } from './deps.ts';
import type { OfficerDeps } from './officer.ts';
import { officerHotspots } from './officer.ts';
import { createTasking } from './taskings.ts';

/**
 * Picks a live hot spot that still needs a dose, weighted by need and distance, and records it as
 * a self-tasking with its seed, so any pick can be reproduced. Hot spots dosed this window are
 * not offered (metering, as Thames Valley and ShotSpotter do).
 */
export async function sendMe(ctx: BusDeps & OfficerDeps, officerId: number, at: { lat: number; lon: number } | null, allowed?: Set<number>): Promise<SendMeAnswer | null> {
	const hotspots = await officerHotspots(ctx);
	const candidates: Candidate[] = hotspots
		.filter((h) => !allowed || allowed.has(h.id))
		.map((h) => ({ id: h.id, metres: at ? haversine([at.lon, at.lat], h.centroid) : null, need: h.need }));
	const seed = randomInt(2 ** 31);
	const id = pickHotspot(candidates, seededRandom(seed));
	if (id === null) return null;
	const tasking = await createTasking(ctx, { officer: officerId, hotspot: id, kind: 'self', createdBy: officerId, note: `send-me seed ${seed}` });
	return { hotspot: id, tasking: tasking.id, seed };
}
