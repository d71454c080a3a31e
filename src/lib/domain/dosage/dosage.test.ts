// Hand-made visits on a 12-hour night window (minutes from 18:00); each figure is worked out in
// the comments from the intervals alone.
import { describe, expect, it } from 'vitest';
import { dosage, dosageByHotspot, type DosageVisit } from './dosage.ts';

const T = Date.UTC(2026, 10, 26, 18);
const m = (x: number) => T + x * 60_000;
const range = { from: m(0), to: m(720) };
const visit = (officer: string, inside: [number, number][], unknown: [number, number][] = [], extra: Partial<DosageVisit> = {}): DosageVisit => {
	const all = [...inside, ...unknown].flat();
	const ins = inside.reduce((s, [a, b]) => s + b - a, 0);
	return {
		officer, hotspot: 'H', start: m(Math.min(...all)), end: m(Math.max(...inside.flat())),
		inside: inside.map(([a, b]) => [m(a), m(b)]), unknown: unknown.map(([a, b]) => [m(a), m(b)]), dose: ins >= 10, open: false, ...extra
	};
};

const visits: DosageVisit[] = [
	visit('p0', [[-20, 5]]), // started before the window: 5 minutes in it, not counted as a visit
	visit('p1', [[10, 20], [22, 25]], [[20, 22]]), // 13 minutes, a dose
	visit('p2', [[15, 40]]), // 25 minutes, overlapping p1
	visit('p1', [[300, 312]]), // 12 minutes
	visit('p3', [[500, 505], [515, 519]], [[505, 515]]), // 9 minutes around a 10-minute silence: no dose
	{ ...visit('p9', [[100, 200]]), hotspot: 'G' } // another hot spot
];

describe('dosage', () => {
	it('adds up patrol-minutes, officer-minutes, visits, doses, unknown minutes and gaps', () => {
		const d = dosage(visits, 'H', range);
		// union: [0,5] + [10,40] + [300,312] + [500,505] + [515,519] = 5 + 30 + 12 + 5 + 4
		expect(d.patrolMinutes).toBe(56);
		// 5 + 13 + 25 + 12 + 9
		expect(d.officerMinutes).toBe(64);
		// p1's silence (20–22) is covered by p2 being seen inside; p3's (505–515) is not
		expect(d.unknownMinutes).toBe(10);
		// p1, p2, p1 again and p3 start in the window; p3's 9 minutes are no dose
		expect([d.visits, d.doses, d.officers]).toEqual([4, 3, 4]);
		// visits in progress: [0,5], [10,40], [300,312], [500,519]
		expect(d.gaps.map((g) => [(g.from - T) / 60_000, (g.to - T) / 60_000, g.minutes])).toEqual([
			[5, 10, 5],
			[40, 300, 260],
			[312, 500, 188],
			[519, 720, 201]
		]);
		expect(d.longestGapMinutes).toBe(260);
	});

	it('treats an open visit as in progress until the end of the range (now)', () => {
		const now = { from: m(0), to: m(710) };
		const open = visit('p4', [[700, 705]], [], { open: true });
		const d = dosage([...visits, open], 'H', now);
		expect(d.gaps.at(-1)!.minutes).toBe(181); // 519–700, then p4 is there
		expect(d.patrolMinutes).toBe(61);
	});

	it('gives an empty hot spot one gap over the whole range', () => {
		const [h, g, empty] = dosageByHotspot(visits, ['H', 'G', 'E'], range);
		expect([h.patrolMinutes, g.patrolMinutes]).toEqual([56, 100]);
		expect(empty).toMatchObject({ patrolMinutes: 0, officerMinutes: 0, visits: 0, doses: 0, longestGapMinutes: 720 });
	});
});
