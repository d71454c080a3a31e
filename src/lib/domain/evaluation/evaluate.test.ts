import { describe, expect, it } from 'vitest';
import { evaluateTrial } from './evaluate.ts';
import { syntheticTrial } from './synthetic-trial.ts';
import type { PlaceDay } from './types.ts';

function place(hotspot: string, control: number[], treated: number[], harmPerCrime = 10): PlaceDay[] {
	return [
		...control.map((crimes, i) => ({ hotspot, day: `2026-03-0${2 * i + 1}`, arm: 'control' as const, crimes, harm: crimes * harmPerCrime })),
		...treated.map((crimes, i) => ({ hotspot, day: `2026-03-0${2 * i + 2}`, arm: 'treatment' as const, crimes, harm: crimes * harmPerCrime }))
	];
}

describe('evaluateTrial: a worked example', () => {
	// the example of fe-poisson.test.ts: 3 treated crimes against 7 control crimes, equal days
	const rows = [...place('A', [2, 1], [1, 0]), ...place('B', [0, 2], [1, 0]), ...place('C', [1, 1], [0, 1])];

	it('gives the ratio, per-arm figures and a two-sided p', () => {
		const e = evaluateTrial(rows, { permutations: 0 });
		expect(e).toMatchObject({ placeDays: 12, places: 3, days: 4, firstDay: '2026-03-01', lastDay: '2026-03-04', informativePlaces: 3 });
		expect(e.arms.treatment).toMatchObject({ placeDays: 6, crimes: 3, harm: 30, crimesPerPlaceDay: 0.5, doseMinutes: null });
		expect(e.arms.control).toMatchObject({ placeDays: 6, crimes: 7, harm: 70 });
		expect(e.rateRatio).toBeCloseTo(3 / 7, 12);
		// harm is 10 × crimes here, so the harm ratio and its interval are the crime ones
		expect(e.harmRatio).toBeCloseTo(3 / 7, 12);
		expect(e.harmCi95![0]).toBeCloseTo(e.ci95![0], 12);
		expect(e.ci95![0]).toBeLessThan(3 / 7);
		expect(e.ci95![1]).toBeGreaterThan(3 / 7);
		// p below 0.05 exactly when the 95 % interval leaves out 1: a two-sided test
		expect(e.p! < 0.05).toBe(e.ci95![1] < 1);
		expect(e.permutationP).toBeNull();
		expect(e.notes.join(' ')).toMatch(/Only 3 places inform the rate ratio/);
	});

	it('reports the dose achieved per arm when place-days carry it', () => {
		const dosed = rows.map((r) => ({ ...r, doseMinutes: r.arm === 'treatment' ? 20 : 3, doses: r.arm === 'treatment' ? 1 : 0 }));
		const e = evaluateTrial(dosed, { permutations: 0 });
		expect(e.arms.treatment).toMatchObject({ doseMinutes: 120, doseMinutesPerPlaceDay: 20, doses: 6, dosesPerPlaceDay: 1, dosedShare: 1 });
		expect(e.arms.control).toMatchObject({ doseMinutes: 18, doseMinutesPerPlaceDay: 3, doses: 0, dosedShare: 0 });
		const partial = evaluateTrial([...dosed.slice(1), rows[0]], { permutations: 0 });
		expect(partial.arms.control.doseMinutes).toBeNull();
		expect(partial.notes.join(' ')).toMatch(/doseMinutes is given for 11 of 12 place-days/);
	});
});

describe('evaluateTrial: edge cases', () => {
	const trial = syntheticTrial({ places: 6, days: 10, rateRatio: 0.8, seed: 7 });

	it('says there is nothing to compare without both arms', () => {
		for (const arm of ['treatment', 'control'] as const) {
			const e = evaluateTrial(trial.filter((r) => r.arm === arm));
			expect(e).toMatchObject({ rateRatio: null, ci95: null, p: null, permutationP: null, harmRatio: null });
			expect(e.notes[0]).toBe(`No ${arm === 'treatment' ? 'control' : 'treatment'} place-days yet: there is nothing to compare.`);
		}
		const empty = evaluateTrial([]);
		expect(empty).toMatchObject({ placeDays: 0, places: 0, rateRatio: null, firstDay: null });
		expect(empty.power.statement).toBe('0 place-days so far; no control place-days yet, so the place-days needed cannot be estimated.');
	});

	it('says so when there are no crimes, or all fall in one arm', () => {
		const zero = evaluateTrial(trial.map((r) => ({ ...r, crimes: 0, harm: 0 })));
		expect(zero).toMatchObject({ rateRatio: null, ci95: null, p: null, permutationP: null, informativePlaces: 0 });
		expect(zero.notes[0]).toMatch(/No place has crimes on both treated and control days yet/);
		expect(zero.power.needed).toBeNull();
		const noTreated = evaluateTrial(trial.map((r) => (r.arm === 'treatment' ? { ...r, crimes: 0, harm: 0 } : r)), { permutations: 99 });
		expect(noTreated).toMatchObject({ rateRatio: 0, ci95: null, p: null });
		expect(noTreated.permutationP).toBeLessThan(0.05);
		expect(noTreated.notes[0]).toMatch(/fell on control days, so the rate ratio is 0/);
	});

	it('estimates a single place but gives it no interval', () => {
		const one = evaluateTrial(place('A', [2, 1, 3], [1, 0, 1]), { permutations: 0 });
		expect(one.rateRatio).toBeCloseTo(2 / 6, 12);
		expect(one.ci95).toBeNull();
		expect(one.notes[0]).toMatch(/Only one place has crimes in both arms/);
	});

	it('refuses malformed place-days and options, naming the row and field', () => {
		expect(() => evaluateTrial([{ ...trial[0], arm: 'treated' as 'treatment' }])).toThrow('place-day 0, arm: expected treatment or control, got "treated"');
		expect(() => evaluateTrial([trial[0], { ...trial[1], crimes: 1.5 }])).toThrow('place-day 1, crimes: expected a whole number ≥ 0, got 1.5');
		expect(() => evaluateTrial([{ ...trial[0], day: '2026-02-30' }])).toThrow('place-day 0, day: expected a date YYYY-MM-DD');
		expect(() => evaluateTrial([trial[0], trial[0]])).toThrow(`place-day 1: hot spot "${trial[0].hotspot}" on ${trial[0].day} already came at place-day 0`);
		expect(() => evaluateTrial(trial, { targetRatio: 1 })).toThrow('targetRatio');
	});

	it('is the same for the same place-days in any order', () => {
		const a = evaluateTrial(trial, { permutations: 99, seed: 3 });
		const b = evaluateTrial([...trial].reverse(), { permutations: 99, seed: 3 });
		expect(b).toEqual(a);
	});
});

// Synthetic trials like a small force's: 30 hot spots for 40 experimental days (1,200 place-days),
// half treated each day, log-normal baselines (mean 0.4 crimes a day, sd 0.8 on the log scale),
// gamma–Poisson counts within places (φ = 1) and heavy-tailed harm weights.
const SEEDS = 200;
function simulate(rateRatio: number) {
	return Array.from({ length: SEEDS }, (_, s) =>
		evaluateTrial(syntheticTrial({ places: 30, days: 40, rateRatio, seed: 1000 + s }), { permutations: 39, seed: s })
	);
}
const share = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;

describe('evaluateTrial: synthetic trials', () => {
	it('recovers a planted rate ratio of 0.7 inside its interval', () => {
		const runs = simulate(0.7);
		const covered = share(runs.map((e) => e.ci95![0] <= 0.7 && 0.7 <= e.ci95![1]));
		const harmCovered = share(runs.map((e) => e.harmCi95![0] <= 0.7 && 0.7 <= e.harmCi95![1]));
		const geometricMean = Math.exp(runs.reduce((s, e) => s + Math.log(e.rateRatio!), 0) / SEEDS);
		// observed when written: 98 % (crimes) and 95.5 % (harm) covered; geometric mean 0.697
		expect(covered, `crime interval covered 0.7 in ${covered * 100} % of ${SEEDS} seeds`).toBeGreaterThanOrEqual(0.9);
		expect(harmCovered, `harm interval covered 0.7 in ${harmCovered * 100} % of seeds`).toBeGreaterThanOrEqual(0.9);
		expect(geometricMean).toBeGreaterThan(0.67);
		expect(geometricMean).toBeLessThan(0.73);
	});

	it('finds no significant effect on null data in at least 90 % of seeds', () => {
		const runs = simulate(1);
		const quiet = share(runs.map((e) => e.p! >= 0.05));
		const quietHarm = share(runs.map((e) => e.harmP! >= 0.05));
		const quietPermutation = share(runs.map((e) => e.permutationP! >= 0.05));
		// observed when written: 95 % (Wald), 95 % (harm), 97 % (randomisation test, 39 shuffles)
		expect(quiet, `p ≥ 0.05 in ${quiet * 100} % of ${SEEDS} seeds`).toBeGreaterThanOrEqual(0.9);
		expect(quietHarm, `harm p ≥ 0.05 in ${quietHarm * 100} % of seeds`).toBeGreaterThanOrEqual(0.9);
		expect(quietPermutation, `permutation p ≥ 0.05 in ${quietPermutation * 100} % of seeds`).toBeGreaterThanOrEqual(0.9);
	});
});
