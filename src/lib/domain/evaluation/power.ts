// The plain statement of power: place-days so far vs the place-days needed to detect a target rate
// ratio, from the observed control mean and overdispersion.
//
// Sample size for a ratio of negative-binomial rates (Keene et al. 2007, Pharmaceutical
// Statistics 6:89–97; Zhu & Lakkis 2014, Statistics in Medicine 33:376–387), generalised to a
// treated share q and to places with different baselines:
//   N = (z_{1−α/2} + z_{power})² · [1/(q R μ0) + 1/((1 − q) μ0) + φ κ (1/q + 1/(1 − q))] / (log R)²
// μ0 the crimes per control place-day, R the target ratio, φ the overdispersion within places
// (Var = μ + φμ²) and κ = mean(α_i²)/mean(α_i)² over place-days, which weighs φ by how unequal the
// place baselines α_i are. Place effects remove between-place variation, so φ is estimated after
// them: the Cameron & Trivedi (1990, J. Econometrics 46:347–364) moment estimator
// φ = Σ[(y − μ)² − y] / Σ μ², with squared residuals scaled by n_i/(n_i − 1) for the place's own
// fitted mean. The interval uses t on the fit's Bell–McCaffrey df (cluster-robust.ts), which does
// not grow with days, so the quantiles are t(df) too: (t_{df,1−α/2} + t_{df,power})² in place of
// the normal's (z + z)² — with the normal, trials of the stated size reached only 70–77 % power
// in simulation. power.test.ts checks that trials of the stated size reach the power.
import { normalQuantile } from '../stats/normal.ts';
import { studentTQuantile } from '../stats/student-t.ts';
import type { PowerStatement } from './types.ts';

export interface PowerInput {
	place: Int32Array;
	treated: Uint8Array;
	/** crimes per place-day */
	y: Float64Array;
	places: number;
	/** the fitted log rate ratio (0 when it could not be estimated) */
	beta: number;
	/** mean number of places in the trial per experimental day */
	placesPerDay: number;
	/** the fit's degrees of freedom; null (normal quantiles) when there is no fit yet */
	df: number | null;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

/** Round up to two significant figures: "about 3,900", not "about 3,874". */
function approx(n: number): number {
	if (n < 100) return Math.ceil(n);
	const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
	return Math.ceil(n / unit) * unit;
}

function effect(r: number): string {
	const pct = Math.round(Math.abs(1 - r) * 100);
	return r < 1 ? `a ${pct} % reduction` : `a ${pct} % increase`;
}

export function withinPlaceDispersion(x: PowerInput): { phi: number; kappa: number } {
	const n = new Float64Array(x.places);
	const n1 = new Float64Array(x.places);
	const total = new Float64Array(x.places);
	for (let r = 0; r < x.y.length; r++) {
		n[x.place[r]]++;
		n1[x.place[r]] += x.treated[r];
		total[x.place[r]] += x.y[r];
	}
	const rr = Math.exp(x.beta);
	// the profiled place baseline: the place-effect MLE given β
	const alpha = Float64Array.from(total, (t, i) => t / (n[i] - n1[i] + n1[i] * rr));
	let num = 0;
	let den = 0;
	let a1 = 0;
	let a2 = 0;
	for (let r = 0; r < x.y.length; r++) {
		const i = x.place[r];
		a1 += alpha[i];
		a2 += alpha[i] * alpha[i];
		if (n[i] < 2) continue;
		const mu = alpha[i] * (x.treated[r] ? rr : 1);
		num += ((x.y[r] - mu) ** 2 * n[i]) / (n[i] - 1) - x.y[r];
		den += mu * mu;
	}
	const phi = den > 0 ? Math.max(0, num / den) : 0;
	const kappa = a1 > 0 ? (a2 / x.y.length) / (a1 / x.y.length) ** 2 : 1;
	return { phi, kappa };
}

export function powerStatement(x: PowerInput, targetRatio = 0.8, power = 0.8, alpha = 0.05): PowerStatement {
	const N = x.y.length;
	let treated = 0;
	let controlCrimes = 0;
	for (let r = 0; r < N; r++) {
		treated += x.treated[r];
		if (!x.treated[r]) controlCrimes += x.y[r];
	}
	const controlDays = N - treated;
	const controlMean = controlDays > 0 ? controlCrimes / controlDays : null;
	const base = { placeDays: N, targetRatio, power, alpha, controlMean, df: x.df !== null && x.df > 0 ? x.df : null };
	const sofar = `${fmt(N)} place-day${N === 1 ? '' : 's'} so far`;
	if (!controlMean) {
		const why = controlDays === 0 ? 'no control place-days yet' : 'no crimes in control place-days yet';
		return { ...base, needed: null, overdispersion: null, statement: `${sofar}; ${why}, so the place-days needed cannot be estimated.` };
	}
	const { phi, kappa } = withinPlaceDispersion(x);
	// the observed treated share, or the design's half when one arm is still empty
	const q = treated > 0 && treated < N ? treated / N : 0.5;
	const df = x.df !== null && x.df > 0 ? x.df : null;
	const z = df ? studentTQuantile(1 - alpha / 2, df) + studentTQuantile(power, df) : normalQuantile(1 - alpha / 2) + normalQuantile(power);
	const perPlaceDay = 1 / (q * targetRatio * controlMean) + 1 / ((1 - q) * controlMean) + phi * kappa * (1 / q + 1 / (1 - q));
	const needed = Math.ceil((z * z * perPlaceDay) / Math.log(targetRatio) ** 2);
	const about = approx(needed);
	let tail: string;
	if (N >= needed) tail = ' That is enough.';
	else if (x.placesPerDay > 0) {
		const days = Math.ceil((needed - N) / x.placesPerDay);
		tail = ` At ${fmt(x.placesPerDay)} places a day that is about ${fmt(days)} more experimental day${days === 1 ? '' : 's'}.`;
	} else tail = '';
	const statement = `${sofar}; about ${fmt(about)} needed to detect ${effect(targetRatio)} with ${Math.round(power * 100)} % power.${tail}`;
	return { ...base, needed, overdispersion: phi, statement };
}
