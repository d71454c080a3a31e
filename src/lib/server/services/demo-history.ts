// The demo's past: the simulated officers' last 12 hours, walked in virtual time along the same
// streets, stored as fixes and turned into visits by the batch presence engine — so a newcomer's
// first look at shift summaries, replay and the dashboard has a real record to show. Only ever
// written into the demo's own database, once.
import { randomUUID } from 'node:crypto';
import type { LonLat } from '../../domain/geo/geo.ts';
import { detectVisits } from '../../domain/presence/detect-visits.ts';
import type { OfficerFix } from '../../domain/presence/types.ts';
import { seededRandom } from '../../domain/random.ts';
import { createAgent, noisy, step } from '../../sim/agent.ts';
import type { StreetGraph } from '../../sim/graph.ts';
import { insertDutyPeriod } from '../db/queries/demo.ts';
import { anyFixStored } from '../db/queries/fix-history.ts';
import { insertFixes, type FixRow } from '../db/queries/fixes.ts';
import { upsertVisits, visitId } from '../db/queries/visits.ts';
import type { DbDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';

const EVERY_MS = 5000;

export async function backfillDemoHistory(ctx: DbDeps, officers: number[], graph: StreetGraph, targets: LonLat[], hours = 12): Promise<{ fixes: number; visits: number }> {
	const live = await publishedHotspots(ctx.db, ctx.now());
	if (!live || officers.length === 0) return { fixes: 0, visits: 0 };
	if (await anyFixStored(ctx.db)) return { fixes: 0, visits: 0 };
	const random = seededRandom(2024);
	const end = ctx.now() - 60_000;
	const start = end - hours * 3600_000;
	const rows: FixRow[] = [];
	const fixes: OfficerFix[] = [];
	for (const [i, officer] of officers.entries()) {
		const agent = createAgent(graph, i < officers.length / 4 ? 'vehicle' : 'foot', random, targets);
		// each officer works an eight-hour stretch of the twelve, as shifts would have it
		const on = start + Math.floor(random() * 4) * 3600_000;
		const off = on + 8 * 3600_000;
		for (let t = on + Math.floor(random() * EVERY_MS); t < off; t += EVERY_MS) {
			step(graph, agent, EVERY_MS / 1000, t, targets, random);
			const accuracy = 4 + random() * 8;
			const [lon, lat] = noisy(agent.at, accuracy / 2, random);
			const id = randomUUID();
			rows.push({ id, officer_id: officer, t, received_at: t + 800, lat, lon, accuracy, speed: null, heading: null, quality: 'ok', source: 'demo-history' });
			fixes.push({ id, officer: String(officer), t, lat, lon, accuracy, receivedAt: t + 800 });
		}
		await insertDutyPeriod(ctx.db, officer, on, off);
	}
	for (let i = 0; i < rows.length; i += 5000) await insertFixes(ctx.db, rows.slice(i, i + 5000));
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
