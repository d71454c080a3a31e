// The demo's simulated officers ask "send me" of the real service, like the officer app does, so
// the product's own pick sends them. Only the demo's own rule is added: the hot spots left for a
// supervisor to find in a gap (domain/simulation/world.ts, neglectedHotspots) are not offered.
import type { SimHotspot } from '../../domain/simulation/world.ts';
import { neglectedHotspots } from '../../domain/simulation/world.ts';
import type { BusDeps, ZonedDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';
import type { OfficerDeps } from './officer.ts';
import { sendMe } from './send-me.ts';
import { treatedToday } from './trials.ts';

/** hot spots the demo's simulated officers leave alone */
export const DEMO_NEGLECTED = 1;

export async function demoHotspots(ctx: BusDeps): Promise<SimHotspot[]> {
	const live = await publishedHotspots(ctx.db, ctx.now());
	return live ? live.hotspots.map((h) => ({ id: h.id, rank: h.rank, polygon: h.polygon, windows: h.windows })) : [];
}

export async function demoSendMe(ctx: BusDeps & OfficerDeps & ZonedDeps, officer: number, at: { lat: number; lon: number }): Promise<number | null> {
	const hotspots = await demoHotspots(ctx);
	const left = new Set(neglectedHotspots(hotspots, ctx.now(), DEMO_NEGLECTED));
	// as the route does: during a trial only today's treated hot spots are offered
	const treated = await treatedToday(ctx);
	const allowed = new Set(hotspots.map((h) => h.id).filter((id) => !left.has(id) && (!treated || treated.has(id))));
	return (await sendMe(ctx, officer, at, allowed))?.hotspot ?? null;
}
