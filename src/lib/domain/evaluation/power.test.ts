import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../stats/normal.ts';
import { studentTQuantile } from '../stats/student-t.ts';
import { evaluateTrial } from './evaluate.ts';
import { powerStatement, withinPlaceDispersion, type PowerInput } from './power.ts';
import { syntheticTrial } from './synthetic-trial.ts';

/** 4 places × 10 days, one crime every place-day (no overdispersion at all), alternate days treated. */
function flat(df: number | null): PowerInput {
	const n = 40;
	return {
		place: Int32Array.from({ length: n }, (_, r) => r % 4),
		treated: Uint8Array.from({ length: n }, (_, r) => (Math.floor(r / 4) + (r % 4)) % 2),
		y: new Float64Array(n).fill(1),
		places: 4,
		beta: 0,
		placesPerDay: 4,
		df
	};
}

describe('power statement', () => {
	it('follows the negative-binomial sample-size formula', () => {
		// μ0 = 1, q = 1/2, φ = 0: N = (z_.975 + z_.8)² · [1/(0.5·0.8·1) + 1/(0.5·1)] / log(0.8)²
		const z = normalQuantile(0.975) + normalQuantile(0.8);
		const expected = Math.ceil((z * z * (1 / 0.4 + 2)) / Math.log(0.8) ** 2);
		expect(expected).toBe(710);
		const s = powerStatement(flat(null));
		expect(s).toMatchObject({ placeDays: 40, needed: expected, controlMean: 1, overdispersion: 0, df: null });
		expect(s.statement).toBe('40 place-days so far; about 710 needed to detect a 20 % reduction with 80 % power. At 4 places a day that is about 168 more experimental days.');
		// with the fit's degrees of freedom the quantiles are t's
		const t = studentTQuantile(0.975, 6) + studentTQuantile(0.8, 6);
		expect(powerStatement(flat(6)).needed).toBe(Math.ceil((t * t * 4.5) / Math.log(0.8) ** 2));
		// an increase, another power, and a trial that is already big enough
		expect(powerStatement(flat(null), 1.25, 0.9).statement).toMatch(/^40 place-days so far; about \d[\d,]* needed to detect a 25 % increase with 90 % power\./);
		expect(powerStatement(flat(null), 0.2).statement).toMatch(/needed to detect a 80 % reduction with 80 % power\. That is enough\.$/);
	});

	it('rounds the needed place-days up to two significant figures in the sentence', () => {
		const e = evaluateTrial(syntheticTrial({ places: 30, days: 40, rateRatio: 0.8, seed: 11 }), { permutations: 0 });
		const needed = e.power.needed!;
		const shown = Number(/about ([\d,]+) needed/.exec(e.power.statement)![1].replace(/,/g, ''));
		expect(shown).toBeGreaterThanOrEqual(needed);
		expect(shown - needed).toBeLessThan(10 ** (Math.floor(Math.log10(needed)) - 1));
		expect(e.power.statement).toMatch(/^1,200 place-days so far; about [\d,]+ needed/);
	});

	it('estimates the overdispersion within places', () => {
		const input = (phi: number): PowerInput => {
			const rows = syntheticTrial({ places: 40, days: 250, rateRatio: 1, seed: 5, overdispersion: phi, meanRate: 1 });
			const ids = [...new Set(rows.map((r) => r.hotspot))];
			return {
				place: Int32Array.from(rows, (r) => ids.indexOf(r.hotspot)),
				treated: Uint8Array.from(rows, (r) => +(r.arm === 'treatment')),
				y: Float64Array.from(rows, (r) => r.crimes),
				places: ids.length,
				beta: 0,
				placesPerDay: 40,
				df: null
			};
		};
		// unequal baselines alone are not overdispersion: place effects take them out
		expect(withinPlaceDispersion(input(0)).phi).toBeLessThan(0.05);
		expect(withinPlaceDispersion(input(1)).phi).toBeGreaterThan(0.85);
		expect(withinPlaceDispersion(input(1)).phi).toBeLessThan(1.15);
		expect(withinPlaceDispersion(input(1)).kappa).toBeGreaterThan(1.3);
	});

	it('states a size at which synthetic trials do reach the power', () => {
		const pilot = evaluateTrial(syntheticTrial({ places: 30, days: 300, rateRatio: 0.8, seed: 42 }), { permutations: 0 });
		const days = Math.ceil(pilot.power.needed! / 30);
		const seeds = 100;
		let detected = 0;
		for (let s = 0; s < seeds; s++) {
			if (evaluateTrial(syntheticTrial({ places: 30, days, rateRatio: 0.8, seed: 9000 + s }), { permutations: 0 }).p! < 0.05) detected++;
		}
		// observed when written: 74 of 100 at 110 days (3,300 place-days); 77.5 % over 200 seeds
		expect(detected, `detected in ${detected} of ${seeds} trials of ${days} days`).toBeGreaterThanOrEqual(70);
		expect(detected).toBeLessThanOrEqual(90);
	});
});
