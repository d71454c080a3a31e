// The control room's replay: officers' positions (thinned so a whole force fits in one answer)
// and the visits and doses that drive hot spot states, over the last hours. The client computes
// each hot spot's state at the slider's time with the same pure coverage function as live.
import { sql } from 'kysely';
import { visitsBetween } from '../db/queries/visits.ts';
import type { DbDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';

const MAX_POINTS = 200_000;

export async function replay(ctx: DbDeps, from: number, to: number) {
	const live = await publishedHotspots(ctx.db, to);
	const count = await ctx.db
		.selectFrom('fixes')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('t', '>=', from)
		.where('t', '<=', to)
		.where('quality', '=', 'ok')
		.executeTakeFirstOrThrow();
	// keep at most one fix per officer per `step` so the answer stays bounded
	const step = Math.max(5_000, Math.ceil(Number(count.n) / MAX_POINTS) * 5_000);
	// the first real fix of each officer in each step: positions, not averages
	const first = ctx.db
		.selectFrom('fixes')
		.select([
			'officer_id',
			't',
			'lat',
			'lon',
			sql<number>`row_number() over (partition by officer_id, t / ${sql.lit(step)} order by t)`.as('rn')
		])
		.where('t', '>=', from)
		.where('t', '<=', to)
		.where('quality', '=', 'ok');
	const rows = await ctx.db
		.selectFrom(first.as('f'))
		.innerJoin('users', 'users.id', 'f.officer_id')
		.select(['f.officer_id', 'users.callsign', 'users.username', 'f.t', 'f.lat', 'f.lon'])
		.where('f.rn', '=', 1)
		.orderBy('f.t')
		.limit(MAX_POINTS)
		.execute();
	const officers = new Map<number, { officer: number; callsign: string; track: [number, number, number][] }>();
	for (const r of rows) {
		let o = officers.get(r.officer_id);
		if (!o) officers.set(r.officer_id, (o = { officer: r.officer_id, callsign: r.callsign ?? r.username, track: [] }));
		o.track.push([Number(r.t), Number(r.lon), Number(r.lat)]);
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
