// The demo's past: the simulated officers' last 12 hours, simulated in virtual time by the same
// officers as the live demo (domain/simulation/), stored as fixes, activities and duty periods
// and turned into visits by the batch presence engine — so a newcomer's first look at shift
// summaries, replay and the dashboard has a real record to show. Only ever written into the
// demo's own database, once.
import { randomUUID } from 'node:crypto';
import { detectVisits } from '../../domain/presence/detect-visits.ts';
import type { OfficerFix } from '../../domain/presence/types.ts';
import { simulateShift } from '../../domain/simulation/shift.ts';
import type { StreetGraph } from '../../domain/simulation/street-graph.ts';
import { prepareWorld } from '../../domain/simulation/world.ts';
import { insertActivities } from '../db/queries/activities.ts';
import { insertDutyPeriod } from '../db/queries/demo.ts';
import { anyFixStored } from '../db/queries/fix-history.ts';
import { insertFixes, type FixRow } from '../db/queries/fixes.ts';
import { upsertVisits, visitId } from '../db/queries/visits.ts';
import { DEMO_NEGLECTED } from './demo-patrol.ts';
import type { DbDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';

export async function backfillDemoHistory(ctx: DbDeps, officers: number[], graph: StreetGraph, hours = 12): Promise<{ fixes: number; visits: number }> {
	const live = await publishedHotspots(ctx.db, ctx.now());
	if (!live || officers.length === 0) return { fixes: 0, visits: 0 };
	if (await anyFixStored(ctx.db)) return { fixes: 0, visits: 0 };
	const end = ctx.now() - 60_000;
	const start = end - hours * 3600_000;
	const world = prepareWorld(graph, live.hotspots.map((h) => ({ id: h.id, rank: h.rank, polygon: h.polygon, windows: h.windows })));
	const shift = simulateShift({
		world,
		officers: officers.length,
		from: start,
		to: end,
		seed: 2024,
		targetMs: live.set.targetIntervalS * 1000,
		neglect: DEMO_NEGLECTED,
		// shifts start on the hour in the first four hours and run on into the live demo, so the
		// hot spots are covered when it starts (the neglected one excepted)
		duty: (_, random) => ({ on: start + Math.floor(random() * 4) * 3600_000, off: end })
	});
	const rows: FixRow[] = [];
	const fixes: OfficerFix[] = [];
	// the simulation's times are fractional milliseconds; the record holds whole ones (PostgreSQL's bigint refuses the rest)
	for (const f of shift.fixes) {
		const id = randomUUID();
		const officer = officers[f.officer];
		const t = Math.round(f.t);
		rows.push({ id, officer_id: officer, t, received_at: t + 800, lat: f.lat, lon: f.lon, accuracy: f.accuracy, speed: null, heading: null, quality: 'ok', source: 'demo-history' });
		fixes.push({ id, officer: String(officer), t, lat: f.lat, lon: f.lon, accuracy: f.accuracy, receivedAt: t + 800 });
	}
	for (const d of shift.duty) await insertDutyPeriod(ctx.db, officers[d.officer], Math.round(d.on), Math.round(d.off));
	for (let i = 0; i < rows.length; i += 5000) await insertFixes(ctx.db, rows.slice(i, i + 5000));
	await insertActivities(
		ctx.db,
		shift.activities.map((a) => ({ id: randomUUID(), officer_id: officers[a.officer], hotspot_id: a.hotspot, t: Math.round(a.t), kind: a.activity, note: null, received_at: Math.round(a.t) + 800 }))
	);
	const { visits } = detectVisits(fixes, live.hotspots.map((h) => ({ id: String(h.id), polygon: h.polygon })));
	await upsertVisits(
		ctx.db,
		visits.map((v) => ({
			id: visitId(v.officer, v.hotspot, v.start),
			officer: Number(v.officer),
			hotspot: Number(v.hotspot),
			start: v.start,
			end: v.end,
			minutes: v.minutes,
			unknownMinutes: v.unknownMinutes,
			mode: v.mode,
			stops: v.stops,
			dose: v.dose,
			open: false,
			inside: v.inside,
			unknown: v.unknown,
			modeMs: v.modeMs
		})),
		ctx.now()
	);
	return { fixes: rows.length, visits: visits.length };
}
