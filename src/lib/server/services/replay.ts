// The control room's replay: officers' positions (thinned so a whole force fits in one answer)
// and the visits and doses that drive hot spot states, over the last hours. The client computes
// each hot spot's state at the slider's time with the same pure coverage function as live.
import type { ReplayPayload } from '../../realtime/contract.ts';
import { countGoodFixes, thinnedTracks } from '../db/queries/fix-history.ts';
import { visitsBetween } from '../db/queries/visits.ts';
import type { DbDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';

const MAX_POINTS = 200_000;

export async function replay(ctx: DbDeps, from: number, to: number): Promise<ReplayPayload> {
	const live = await publishedHotspots(ctx.db, to);
	const count = await countGoodFixes(ctx.db, from, to);
	// keep at most one fix per officer per `step` so the answer stays bounded
	const step = Math.max(5_000, Math.ceil(count / MAX_POINTS) * 5_000);
	const officers = new Map<number, ReplayPayload['officers'][number]>();
	for (const r of await thinnedTracks(ctx.db, from, to, step, MAX_POINTS)) {
		let o = officers.get(r.officer);
		if (!o) officers.set(r.officer, (o = { officer: r.officer, callsign: r.callsign, track: [] }));
		o.track.push([r.t, r.lon, r.lat]);
	}
	const visits = live ? await visitsBetween(ctx.db, from - 12 * 3600_000, to, { hotspots: live.hotspots.map((h) => h.id) }) : [];
	return {
		from,
		to,
		step,
		targetMs: (live?.set.targetIntervalS ?? 4 * 3600) * 1000,
		officers: [...officers.values()],
		visits: visits.map((v) => ({ hotspot: v.hotspot, officer: v.officer, start: v.start, end: v.end, dose: v.dose }))
	};
}
