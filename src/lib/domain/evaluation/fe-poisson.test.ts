import { describe, expect, it } from 'vitest';
import { clusterRobust } from './cluster-robust.ts';
import { fitPlaceEffectsPoisson, waldSummary, type PlaceArms } from './fe-poisson.ts';

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
const arms = (control: number[], treated: number[]): PlaceArms => ({ n0: control.length, n1: treated.length, y0: sum(control), y1: sum(treated) });

describe('Poisson regression with place fixed effects', () => {
	it('solves a worked example by hand', () => {
		// Three places, two control and two treated days each:
		//   A control 2,1 treated 1,0   B control 0,2 treated 1,0   C control 1,1 treated 0,1
		// Every place has the same treated share of days, so the conditional MLE is the pooled
		// ratio: 3 treated crimes / 7 control crimes. p̂ = 3/10 is the fitted treated share of each
		// place's crimes; scores s = Y1 − Y·p̂ = (1 − 1.2, 1 − 0.9, 1 − 0.9) = (−0.2, 0.1, 0.1);
		// information H = Σ Y p̂(1 − p̂) = 10 · 0.21 = 2.1; plain sandwich Σs²/H² = 0.06/4.41.
		// CR2 scales each s_i² by 1/(1 − h_i), h = w/H = (0.84, 0.63, 0.63)/2.1 = (0.4, 0.3, 0.3):
		// (0.04/0.6 + 0.01/0.7 + 0.01/0.7)/4.41 = (10/105)/4.41.
		const fit = fitPlaceEffectsPoisson([arms([2, 1], [1, 0]), arms([0, 2], [1, 0]), arms([1, 1], [0, 1])]);
		expect(fit.status).toBe('ok');
		if (fit.status !== 'ok') return;
		expect(Math.exp(fit.beta)).toBeCloseTo(3 / 7, 12);
		expect(fit.information).toBeCloseTo(2.1, 12);
		expect(fit.varianceRaw).toBeCloseTo(0.06 / 4.41, 12);
		expect(fit.se ** 2).toBeCloseTo(10 / 105 / 4.41, 12);
		const w = waldSummary(fit);
		expect(w.ci95![0]).toBeLessThan(3 / 7);
		expect(w.ci95![1]).toBeGreaterThan(3 / 7);
	});

	it('matches a full dummy-variable Poisson GLM (statsmodels) on unbalanced places', () => {
		// Reference: statsmodels 0.15 GLM(y, [treated, one dummy per place], Poisson)
		//   .fit(cov_type='cluster', cov_kwds={'groups': place, 'use_correction': False}, tol=1e-14)
		// gave β = -0.6222717878005789, cluster variance 0.012909831706595628 and model-based
		// variance 0.12701563368392618 for crimes; β = 0.19082196683273822, variance 0.3175363853854073
		// for harm. Places with no crimes or one arm only (D, E) are left out of the reference: their
		// dummies fit them exactly and they carry no information about β.
		const places = {
			P1: [[0, 1, 3, 0, 2], [1, 0, 0], [0, 2, 375, 0, 400], [200, 0, 0]],
			P2: [[0, 0, 1], [0, 1, 0, 0, 0, 1], [0, 0, 2], [0, 365, 0, 0, 0, 10]],
			P3: [[4, 2, 5, 3], [2, 3, 1, 2], [8, 4, 210, 6], [4, 206, 2, 4]],
			P5: [[1, 0, 2, 1], [0, 1], [5, 0, 12, 2], [0, 220]]
		};
		const extra = [arms([0, 0], [0, 0, 0]), arms([2, 1], [])];
		const crimes = fitPlaceEffectsPoisson([...Object.values(places).map(([c, t]) => arms(c, t)), ...extra]);
		const harm = fitPlaceEffectsPoisson([...Object.values(places).map(([, , c, t]) => arms(c, t)), ...extra]);
		if (crimes.status !== 'ok' || harm.status !== 'ok') throw new Error('expected fits');
		expect(crimes.beta).toBeCloseTo(-0.6222717878005789, 10);
		expect(crimes.varianceRaw).toBeCloseTo(0.012909831706595628, 12);
		expect(1 / crimes.information).toBeCloseTo(0.12701563368392618, 12);
		expect(crimes.clusters).toBe(4);
		expect(harm.beta).toBeCloseTo(0.19082196683273822, 10);
		expect(harm.varianceRaw).toBeCloseTo(0.3175363853854073, 12);
	});

	it('says when the ratio cannot be estimated', () => {
		expect(fitPlaceEffectsPoisson([]).status).toBe('no-information');
		expect(fitPlaceEffectsPoisson([arms([0, 0], [0, 0]), arms([1], [])]).status).toBe('no-information');
		const none = fitPlaceEffectsPoisson([arms([1, 2], [0, 0]), arms([3], [0])]);
		expect(none).toEqual({ status: 'boundary', beta: -Infinity, clusters: 2 });
		expect(waldSummary(none)).toMatchObject({ ratio: 0, ci95: null, p: null });
		expect(waldSummary(fitPlaceEffectsPoisson([arms([0], [2])]))).toMatchObject({ ratio: null, ci95: null });
		// one informative place: the ratio exists, a cluster-robust interval does not
		const one = waldSummary(fitPlaceEffectsPoisson([arms([2, 2], [1, 0])]));
		expect(one.ratio).toBeCloseTo(0.25, 12);
		expect(one.ci95).toBeNull();
	});
});

describe('CR2 variance and Bell–McCaffrey degrees of freedom', () => {
	// Reference: the definition with dense matrices, B = W^½ Mᵀ C M W^½, df = tr(B)²/‖B‖²_F
	function dense(w: number[]): number {
		const G = w.length;
		const H = sum(w);
		const h = w.map((x) => x / H);
		const M = h.map((_, k) => h.map((__, i) => (k === i ? 1 : 0) - h[k]));
		const B = w.map((_, i) => w.map((__, j) => Math.sqrt(w[i] * w[j]) * sum(h.map((hk, k) => (M[k][i] * M[k][j]) / (1 - hk)))));
		const tr = sum(B.map((row, i) => row[i]));
		const fro = sum(B.flat().map((x) => x * x));
		expect(B.length).toBe(G);
		return (tr * tr) / fro;
	}

	it('matches the dense definition', () => {
		for (const w of [[0.84, 0.63, 0.63], [5, 1, 0.2, 0.2, 3, 9], [1, 1], [100, 0.1, 0.1, 0.1]]) {
			const s = w.map((x, i) => (i % 2 ? x : -x) * 0.1);
			expect(clusterRobust(w, s)!.df).toBeCloseTo(dense(w), 8);
		}
	});

	it('gives G − 1 for equal places and fewer for unequal ones', () => {
		expect(clusterRobust([2, 2, 2, 2, 2], [1, -1, 0, 0.5, -0.5])!.df).toBeCloseTo(4, 12);
		expect(clusterRobust([50, 1, 1, 1, 1], [1, -1, 0, 0.5, -0.5])!.df).toBeLessThan(2);
		expect(clusterRobust([1], [0])).toBeNull();
	});
});
