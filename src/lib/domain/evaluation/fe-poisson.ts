// Poisson regression with a fixed effect per place (log μ_it = α_i + β·treated_it), fitted as a
// quasi-MLE with the place effects profiled out, and a cluster-robust (sandwich) variance by place.
//
// Why this model:
// - Place effects take each hot spot's own baseline out of the comparison, as the issue asks, and
//   the Poisson FE estimator has no incidental-parameter bias however few days a place has
//   (Hausman, Hall & Griliches 1984; Cameron & Trivedi, Regression Analysis of Count Data, 2nd ed.
//   2013, §9.4).
// - It is consistent whenever the conditional mean is right, whatever the distribution: counts may
//   be overdispersed and serially correlated within a place, and the outcome need not be a count,
//   so the same estimator serves harm (a quasi-Poisson on days of harm). The cluster-robust
//   variance by place makes the inference valid under exactly those conditions (Wooldridge 1999,
//   "Distribution-free estimation of some nonlinear panel data models", J. Econometrics 90:77–97).
// - Ratios are invariant to the outcome's scale (harm in days or years gives the same ratio).
//
// With a binary treatment the profiled likelihood depends on four sums per place: days and outcome
// in each arm. Given place i's total Y_i, the treated share of it is "binomial" with
// logit p_i = β + log(n1_i / n0_i) (the conditional Poisson likelihood, HHG 1984), so the fit is a
// one-parameter Newton iteration over places, and places with no outcome or only one arm drop out
// (their score is identically zero). With tens of unequal places the plain sandwich is too narrow;
// cluster-robust.ts gives the small-sample (CR2) variance and its degrees of freedom.
import { studentTQuantile, studentTTwoSidedP } from '../stats/student-t.ts';
import { clusterRobust } from './cluster-robust.ts';

/** One place's sums: days and outcome in control (0) and treatment (1). */
export interface PlaceArms {
	n0: number;
	n1: number;
	y0: number;
	y1: number;
}

export type FeFit =
	| {
			status: 'ok';
			beta: number;
			/** cluster-robust (CR2) standard error; NaN with fewer than two informative places */
			se: number;
			/** its degrees of freedom (Bell–McCaffrey); NaN with fewer than two informative places */
			df: number;
			/** the plain sandwich Σ_i s_i² / H² (as statsmodels' cluster covariance with use_correction=False) */
			varianceRaw: number;
			/** observed information H = −ℓ''(β̂); 1/H is the model-based (pure Poisson) variance */
			information: number;
			clusters: number;
			iterations: number;
	  }
	/** every outcome in the informative places fell in one arm: β̂ is ±∞ */
	| { status: 'boundary'; beta: number; clusters: number }
	/** no place has an outcome and days in both arms */
	| { status: 'no-information'; clusters: 0 };

function informative(places: readonly PlaceArms[]): PlaceArms[] {
	return places.filter((g) => g.n0 > 0 && g.n1 > 0 && g.y0 + g.y1 > 0);
}

function shares(g: readonly PlaceArms[], beta: number): Float64Array {
	const p = new Float64Array(g.length);
	for (let i = 0; i < g.length; i++) p[i] = 1 / (1 + Math.exp(-(beta + Math.log(g[i].n1 / g[i].n0))));
	return p;
}

function logLik(g: readonly PlaceArms[], beta: number): number {
	let l = 0;
	for (let i = 0; i < g.length; i++) {
		const eta = beta + Math.log(g[i].n1 / g[i].n0);
		// y1·log p + y0·log(1 − p), written to stay finite for large |η|
		const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
		l += g[i].y1 * (eta - softplus) - g[i].y0 * softplus;
	}
	return l;
}

export function fitPlaceEffectsPoisson(places: readonly PlaceArms[]): FeFit {
	const g = informative(places);
	if (g.length === 0) return { status: 'no-information', clusters: 0 };
	let y0 = 0;
	let y1 = 0;
	let n0 = 0;
	let n1 = 0;
	for (const x of g) {
		y0 += x.y0;
		y1 += x.y1;
		n0 += x.n0;
		n1 += x.n1;
	}
	if (y1 === 0) return { status: 'boundary', beta: -Infinity, clusters: g.length };
	if (y0 === 0) return { status: 'boundary', beta: Infinity, clusters: g.length };
	// the pooled ratio of rates is the MLE when every place has the same treated share; a good start
	let beta = Math.log(y1 / n1 / (y0 / n0));
	let l = logLik(g, beta);
	let iterations = 0;
	for (; iterations < 100; iterations++) {
		const p = shares(g, beta);
		let score = 0;
		let info = 0;
		for (let i = 0; i < g.length; i++) {
			const y = g[i].y0 + g[i].y1;
			score += g[i].y1 - y * p[i];
			info += y * p[i] * (1 - p[i]);
		}
		let step = score / info;
		// step-halving keeps Newton monotone; the profiled log-likelihood is concave in β
		let next = beta + step;
		let ln = logLik(g, next);
		while (ln < l - 1e-12 * Math.abs(l) && Math.abs(step) > 1e-15) {
			step /= 2;
			next = beta + step;
			ln = logLik(g, next);
		}
		beta = next;
		l = ln;
		if (Math.abs(step) < 1e-12 * (1 + Math.abs(beta))) break;
	}
	const p = shares(g, beta);
	const w = new Float64Array(g.length);
	const s = new Float64Array(g.length);
	let meat = 0;
	let information = 0;
	for (let i = 0; i < g.length; i++) {
		const y = g[i].y0 + g[i].y1;
		s[i] = g[i].y1 - y * p[i];
		// a place split exactly as fitted has a score of zero; Newton leaves ~1e-15 of rounding in it,
		// which would make a sandwich of "almost zero" and an interval of pure noise (and differ when
		// the arms are swapped)
		if (Math.abs(s[i]) < 1e-9 * Math.max(1, y)) s[i] = 0;
		w[i] = y * p[i] * (1 - p[i]);
		meat += s[i] * s[i];
		information += w[i];
	}
	const cr2 = clusterRobust(w, s);
	return {
		status: 'ok',
		beta,
		se: cr2 ? Math.sqrt(cr2.variance) : NaN,
		df: cr2 ? cr2.df : NaN,
		varianceRaw: meat / (information * information),
		information,
		clusters: g.length,
		iterations
	};
}

export interface WaldSummary {
	ratio: number | null;
	ci95: [number, number] | null;
	p: number | null;
	logRatio: number | null;
	se: number | null;
}

/** Ratio, 95 % interval and two-sided p from a fit, with t critical values on the fit's df. */
export function waldSummary(fit: FeFit, level = 0.95): WaldSummary {
	if (fit.status === 'no-information') return { ratio: null, ci95: null, p: null, logRatio: null, se: null };
	if (fit.status === 'boundary') return { ratio: fit.beta < 0 ? 0 : null, ci95: null, p: null, logRatio: null, se: null };
	const ratio = Math.exp(fit.beta);
	// one cluster, or a sandwich of exactly zero: no honest interval can be had from this data
	if (!(fit.se > 0)) return { ratio, ci95: null, p: null, logRatio: fit.beta, se: null };
	const df = fit.df;
	const q = studentTQuantile(1 - (1 - level) / 2, df);
	return {
		ratio,
		ci95: [Math.exp(fit.beta - q * fit.se), Math.exp(fit.beta + q * fit.se)],
		p: studentTTwoSidedP(fit.beta / fit.se, df),
		logRatio: fit.beta,
		se: fit.se
	};
}
