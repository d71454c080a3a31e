// docs/presence.md, the presence rules, one hand-made track per rule. Hot spot A is the 150 m
// square x 0–150, y 0–150 (metres on a local grid at Carfax); fixes every 5 s, accuracy 5 m
// (so the margin is 5 m) unless a test says otherwise. Expected values are worked out in the
// comments from the track alone.
import { describe, expect, it } from 'vitest';
import { detectVisits } from './detect-visits.ts';
import { fixes, iso, square, stand, T0, type Step } from './test-tracks.ts';
import type { Hotspot, PresenceOptions } from './types.ts';

const A = square('A');
const run = (steps: Step[], hotspots: Hotspot[] = [A], opts: Partial<PresenceOptions> = {}) =>
	detectVisits(fixes('o1', steps), hotspots, opts).visits;
const OUT: [number, number] = [-100, 75];
const IN: [number, number] = [75, 75];
const FAR: [number, number] = [220, 75];

describe('rule 3 and 5: start, minutes, end', () => {
	it('starts at the first of two inside fixes and ends at the last inside fix', () => {
		// outside 0–60 s, inside 65–665 s, outside from 670 s on
		const v = run([...stand(...OUT, 0, 60), ...stand(...IN, 65, 665), ...stand(...FAR, 670, 900)]);
		expect(v).toHaveLength(1);
		expect(iso((v[0].start - T0) / 1000)).toBe(iso(65));
		expect(v[0].end).toBe(T0 + 665_000);
		// 120 intervals of 5 s between inside fixes = 600 s; the 60→65 and 665→670 hops are not inside
		expect(v[0].minutes).toBe(10);
		expect(v[0].unknownMinutes).toBe(0);
		expect(v[0].dose).toBe(true);
		// one stop inside (65–665 s); the stand outside (0–60 s, also a stop) ends before the visit
		expect(v[0].stops).toBe(1);
		// the 175 m hop in reads as a vehicle for ~80 s; the other 520 s standing are foot
		expect(v[0].mode).toBe('foot');
		expect(v[0].inside).toEqual([[T0 + 65_000, T0 + 665_000]]);
	});

	it('needs two consecutive inside fixes: one fix inside is a pass, not a visit', () => {
		expect(run([...stand(...OUT, 0, 30), { s: 35, x: 75, y: 75 }, ...stand(...FAR, 40, 200)])).toEqual([]);
	});

	it('does not split a visit for an excursion of 2 minutes, and does not count it as inside', () => {
		// outside fixes 305–425 s: 120 s from the first outside fix, not more than 2 minutes
		const v = run([...stand(...IN, 0, 300), ...stand(...FAR, 305, 425), ...stand(...IN, 430, 730), ...stand(...FAR, 735, 1000)]);
		expect(v).toHaveLength(1);
		expect([v[0].start, v[0].end]).toEqual([T0, T0 + 730_000]);
		expect(v[0].minutes).toBe(10); // 0–300 and 430–730
		expect(v[0].modeMs.foot + v[0].modeMs.vehicle + v[0].modeMs.unknown).toBe(730_000); // excursion is known time
		expect(v[0].inside).toEqual([[T0, T0 + 300_000], [T0 + 430_000, T0 + 730_000]]);
	});

	it('ends a visit once outside for more than 2 minutes, at its last inside fix', () => {
		// outside fixes 305–430 s: 125 s > 120 s, so the visit ends at 300 s; a new one starts at 435 s
		const v = run([...stand(...IN, 0, 300), ...stand(...FAR, 305, 430), ...stand(...IN, 435, 735), ...stand(...FAR, 740, 1000)]);
		expect(v.map((x) => [(x.start - T0) / 1000, (x.end - T0) / 1000, x.minutes, x.dose])).toEqual([
			[0, 300, 5, false],
			[435, 735, 5, false]
		]);
	});
});

describe('rule 4: unknown intervals', () => {
	it('counts a 5-minute silence inside as unknown, never inside, and does not split the visit', () => {
		const v = run([...stand(...IN, 0, 120), ...stand(...IN, 420, 600), ...stand(...FAR, 605, 800)]);
		expect(v).toHaveLength(1);
		expect(v[0].minutes).toBe(5); // 0–120 and 420–600
		expect(v[0].unknownMinutes).toBe(5); // 120–420
		expect(v[0].unknown).toEqual([[T0 + 120_000, T0 + 420_000]]);
	});

	it('treats exactly 60 s between fixes as known and 61 s as unknown', () => {
		const every = (gap: number) => [...stand(...IN, 0, 10 * gap, gap), ...stand(...FAR, 10 * gap + 5, 10 * gap + 200)];
		const known = run(every(60))[0];
		expect([known.minutes, known.unknownMinutes, known.dose]).toEqual([10, 0, true]);
		const unknown = run(every(61))[0];
		expect([unknown.minutes, unknown.unknownMinutes, unknown.dose]).toEqual([0, 10.17, false]); // 610 s
	});

	it('splits a visit at a silence longer than 10 minutes, at its last inside fix', () => {
		// inside 0–300 s, silent 11 minutes, inside 960–1260 s: two visits, the silence in neither
		const steps = [...stand(...IN, 0, 300), ...stand(...IN, 960, 1260), ...stand(...FAR, 1265, 1500)];
		expect(run(steps).map((x) => [(x.start - T0) / 1000, (x.end - T0) / 1000, x.unknownMinutes])).toEqual([
			[0, 300, 0],
			[960, 1260, 0]
		]);
		// with a longer silence allowance the 11-minute gap stays inside one visit, as unknown
		expect(run(steps, [A], { silenceMs: 3600_000 }).map((x) => x.unknownMinutes)).toEqual([11]);
	});

	it('keeps a visit through a silence of 10 minutes or less, as unknown time', () => {
		// silent 7 minutes (300 → 720 s), then exactly 10 (1020 → 1620 s): one visit
		const steps = [...stand(...IN, 0, 300), ...stand(...IN, 720, 1020), ...stand(...IN, 1620, 1800), ...stand(...FAR, 1805, 2000)];
		expect(run(steps).map((x) => [(x.start - T0) / 1000, (x.end - T0) / 1000, x.minutes, x.unknownMinutes])).toEqual([[0, 1800, 13, 17]]);
	});
});

describe('rule 1: unusable fixes are no fix', () => {
	it('ignores inaccurate fixes, and measures between the usable ones', () => {
		expect(run([...stand(...IN, 0, 600).map((p) => ({ ...p, accuracy: 60 }))])).toEqual([]);
		const every2nd = stand(...IN, 0, 600).map((p, i) => ({ ...p, accuracy: i % 2 ? 60 : 5 }));
		const v = run([...every2nd, ...stand(...FAR, 605, 800)]);
		expect(v.map((x) => [x.minutes, x.unknownMinutes])).toEqual([[10, 0]]); // 10 s intervals, all known
	});

	it('ignores junk fixes that jump 2 km into a hot spot and back', () => {
		// from (-2000, 75) at 60 s, (75, 75) at 65 s is 415 m/s and at 70 s still 207 m/s: both implausible
		const steps = [...stand(-2000, 75, 0, 60), { s: 65, x: 75, y: 75 }, { s: 70, x: 75, y: 75 }, ...stand(-2000, 75, 75, 300)];
		expect(run(steps)).toEqual([]);
	});

	it('ignores fixes more than 24 h in the future, and honours a stored quality flag', () => {
		const fs = fixes('o1', [...stand(...IN, 0, 600), ...stand(...FAR, 605, 800)]);
		expect(detectVisits(fs.map((f) => ({ ...f, receivedAt: f.t - 25 * 3600_000 })), [A]).visits).toEqual([]);
		expect(detectVisits(fs.map((f) => ({ ...f, receivedAt: f.t - 23 * 3600_000 })), [A]).visits).toHaveLength(1);
		expect(detectVisits(fs.map((f) => ({ ...f, quality: 'inaccurate' as const })), [A]).visits).toEqual([]);
	});
});

describe('rule 6: minutes, dose, several hot spots', () => {
	it('rounds minutes to 2 decimals and gives a dose from 10 minutes', () => {
		const v = (end: number) => run([...stand(...IN, 0, end, 7), ...stand(...FAR, end + 5, end + 300)])[0];
		expect(v(91).minutes).toBe(1.52); // 91 s
		expect([v(595).minutes, v(595).dose]).toEqual([9.92, false]);
		expect([v(602).minutes, v(602).dose]).toEqual([10.03, true]);
	});

	it('tracks a visit per hot spot when grown polygons overlap', () => {
		const B = square('B', 100, 0);
		const v = run([...stand(125, 75, 0, 720), ...stand(400, 75, 725, 900)], [A, B]);
		expect(v.map((x) => [x.hotspot, x.minutes])).toEqual([['A', 12], ['B', 12]]);
	});

	it('counts a fix as inside within min(accuracy, 25 m) of the edge', () => {
		const at = (x: number, accuracy: number) =>
			run([...stand(x, 75, 0, 300).map((p) => ({ ...p, accuracy })), ...stand(...FAR, 305, 500)]).length;
		expect(at(-20, 25)).toBe(1); // 20 m out, margin 25
		expect(at(-20, 10)).toBe(0); // margin 10
		expect(at(-24, 50)).toBe(1); // margin capped at 25
		expect(at(-30, 50)).toBe(0);
	});
});
