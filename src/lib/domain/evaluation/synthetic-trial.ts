// Synthetic trials with a known effect, for tests, demos and power checks: places with unequal
// baselines (log-normal), half of them treated each experimental day at random, counts
// gamma–Poisson (negative binomial) within a place, and harm weights drawn per crime from a
// heavy-tailed mix like the starter Crime Harm Index table (docs/hotspots.md, Harm weights).
import { seededRandom } from '../random.ts';
import type { PlaceDay } from './types.ts';

export interface SyntheticTrialOptions {
	places: number;
	days: number;
	/** the planted treatment ÷ control rate ratio */
	rateRatio: number;
	seed: number;
	/** mean crimes per control place-day across places; default 0.4 */
	meanRate?: number;
	/** standard deviation of log place baselines; default 0.8 */
	baselineSpread?: number;
	/** φ in Var = μ + φμ² within a place; default 1 */
	overdispersion?: number;
	/** harm weights (days) and their probabilities per crime */
	harmMix?: [weight: number, probability: number][];
	/** YYYY-MM-DD of the first experimental day; default 2026-01-05 */
	start?: string;
}

/** Shares roughly like police.uk counts, weights from the starter harm table (docs/hotspots.md, Harm weights). */
export const HARM_MIX: [number, number][] = [[200, 0.25], [365, 0.03], [220, 0.07], [10, 0.1], [7.5, 0.1], [5, 0.1], [2, 0.25], [1, 0.1]];

/** A standard normal by Box–Muller. */
function normal(rand: () => number): number {
	return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, 1): Marsaglia & Tsang (2000, ACM TOMS 26:363–372); shape < 1 by their boost. */
export function gamma(rand: () => number, shape: number): number {
	if (shape < 1) return gamma(rand, shape + 1) * (1 - rand()) ** (1 / shape);
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	for (;;) {
		let x: number;
		let v: number;
		do {
			x = normal(rand);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		const u = 1 - rand();
		if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
	}
}

/** Poisson by Knuth's product method, in chunks of mean ≤ 30 so exp(−λ) stays representable. */
export function poisson(rand: () => number, mean: number): number {
	let k = 0;
	for (let left = mean; left > 0; left -= 30) {
		const limit = Math.exp(-Math.min(left, 30));
		let p = rand();
		while (p > limit) {
			k++;
			p *= rand();
		}
	}
	return k;
}

function draw(rand: () => number, mix: [number, number][]): number {
	let u = rand() * mix.reduce((s, [, p]) => s + p, 0);
	for (const [w, p] of mix) if ((u -= p) < 0) return w;
	return mix[mix.length - 1][0];
}

export function syntheticTrial(o: SyntheticTrialOptions): PlaceDay[] {
	const rand = seededRandom(o.seed);
	const mean = o.meanRate ?? 0.4;
	const spread = o.baselineSpread ?? 0.8;
	const phi = o.overdispersion ?? 1;
	const mix = o.harmMix ?? HARM_MIX;
	// log-normal baselines with mean `mean`
	const baseline = Array.from({ length: o.places }, () => mean * Math.exp(spread * normal(rand) - (spread * spread) / 2));
	const ids = baseline.map((_, i) => `H${String(i + 1).padStart(3, '0')}`);
	const start = Date.parse(`${o.start ?? '2026-01-05'}T00:00:00Z`);
	const rows: PlaceDay[] = [];
	for (let d = 0; d < o.days; d++) {
		const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
		// the design: a fresh random half of the places treated each experimental day
		const order = ids.map((_, i) => i);
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(rand() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		const treated = new Set(order.slice(0, Math.floor(o.places / 2)));
		for (let i = 0; i < o.places; i++) {
			const arm = treated.has(i) ? 'treatment' : 'control';
			const mu = baseline[i] * (arm === 'treatment' ? o.rateRatio : 1);
			const crimes = poisson(rand, phi > 0 ? mu * phi * gamma(rand, 1 / phi) : mu);
			let harm = 0;
			for (let c = 0; c < crimes; c++) harm += draw(rand, mix);
			rows.push({ hotspot: ids[i], day, arm, crimes, harm });
		}
	}
	return rows;
}
