import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { detectVisits } from '../presence/detect-visits.ts';
import { simulateShift } from './shift.ts';
import { buildStreetGraph } from './street-graph.ts';
import { neglectedHotspots, prepareWorld, type SimHotspot } from './world.ts';

// the demo's own streets and its first published set (7 hot spots of 100 m cells, day and night windows)
const root = new URL('../../../../', import.meta.url);
const graph = buildStreetGraph(JSON.parse(readFileSync(new URL('static/basemap/oxford.geojson', root), 'utf8')).features);
const hotspots: SimHotspot[] = JSON.parse(readFileSync(new URL('tests/fixtures/demo-hotspots.json', root), 'utf8'));
const world = prepareWorld(graph, hotspots);
// a fixed Tuesday morning, three hours into the day window: no dependence on today's date
const from = DateTime.fromISO('2026-03-10T09:00', { zone: 'Europe/London' }).toMillis();
const to = from + 3 * 3600_000;
const run = () => simulateShift({ world, officers: 20, from, to, seed: 3, targetMs: 3600_000, neglect: 1 });
const record = run();
const visits = detectVisits(
	record.fixes.map((f, i) => ({ id: `f${i}`, officer: String(f.officer), t: f.t, lat: f.lat, lon: f.lon, accuracy: f.accuracy })),
	world.hotspots.map((h) => ({ id: String(h.id), polygon: h.polygon }))
).visits;
// visits cut short by the end of the run say nothing about behaviour
const finished = visits.filter((v) => v.end < to - 180_000);

describe('simulated officers on a shift, measured by the real presence engine', () => {
	it('patrol as briefed: at least 80 % of visits last 10–15 minutes, few are passes', () => {
		expect(finished.length).toBeGreaterThanOrEqual(30);
		const briefed = finished.filter((v) => v.minutes >= 10 && v.minutes <= 15).length;
		expect(briefed / finished.length).toBeGreaterThanOrEqual(0.8);
		expect(finished.filter((v) => v.minutes < 2).length / finished.length).toBeLessThan(0.1);
	});

	it('leave one live hot spot alone, so the demo always has a gap, and dose every other', () => {
		const neglected = neglectedHotspots(hotspots, from, 1);
		expect(neglected).toEqual([7]);
		expect(visits.filter((v) => v.hotspot === '7')).toEqual([]);
		const dosed = new Set(visits.filter((v) => v.dose).map((v) => Number(v.hotspot)));
		for (const h of hotspots.filter((h) => h.id !== 7)) expect(dosed.has(h.id), `hot spot ${h.id} dosed`).toBe(true);
	});

	it('ask "send me" and record an activity at most patrols, at the hot spot patrolled', () => {
		expect(record.sendMe.some((s) => s.hotspot !== null)).toBe(true);
		expect(record.sendMe.every((s) => s.hotspot !== 7)).toBe(true);
		const doses = record.patrols.filter((p) => p.insideMs >= 10 * 60_000);
		expect(record.activities.length).toBeGreaterThanOrEqual(0.75 * doses.length);
		const patrolled = new Set(record.patrols.map((p) => `${p.officer}:${p.hotspot}`));
		for (const a of record.activities) expect(patrolled.has(`${a.officer}:${a.hotspot}`) || a.t > to - 15 * 60_000).toBe(true);
	});

	it('report like real phones: 4–45 m accuracy, mostly 5–20 m, and now and then a silence', () => {
		const acc = record.fixes.map((f) => f.accuracy);
		expect(Math.min(...acc)).toBeGreaterThanOrEqual(4);
		expect(Math.max(...acc)).toBeLessThanOrEqual(45);
		expect(acc.filter((a) => a <= 20).length / acc.length).toBeGreaterThan(0.9);
		expect(visits.some((v) => v.unknownMinutes > 0)).toBe(true);
	});

	it('come on duty late, some of them', () => {
		const late = record.duty.filter((d) => d.on - from >= 5 * 60_000);
		expect(late.length).toBeGreaterThan(0);
		expect(late.length).toBeLessThan(record.duty.length / 2);
	});

	it('is the same run for the same seed', () => {
		const again = run();
		expect(again.fixes.length).toBe(record.fixes.length);
		expect(again.fixes.at(-1)).toEqual(record.fixes.at(-1));
	});
});
