// Trial evaluation: did places get fewer crimes, and less harm, on treated days than on their own
// control days? One Poisson model with place fixed effects for each outcome (fe-poisson.ts), a
// randomisation test on the same data (permutation.ts), dose achieved per arm (arms.ts) and a
// plain statement of power (power.ts). Hot spot RCT practice: Ariel, Weinborn & Sherman 2016
// ("Soft" policing at hot spots, J. Experimental Criminology 12:277–317); Braga et al. 2019
// (Campbell systematic review of hot spots policing) report place-level rate ratios like these.
import { seedFrom } from '../random.ts';
import { doseNotes, summariseArm } from './arms.ts';
import { fitPlaceEffectsPoisson, waldSummary, type FeFit, type PlaceArms } from './fe-poisson.ts';
import { blocksWithBothArms, permutationPValues, type Design } from './permutation.ts';
import { powerStatement } from './power.ts';
import type { EvaluateOptions, PlaceDay, TrialEvaluation } from './types.ts';
import { validateOptions, validatePlaceDays } from './validate.ts';

export const EVALUATE_DEFAULTS: EvaluateOptions = {
	permutations: 999,
	seed: seedFrom('hotspot-patrol:evaluate'),
	permuteWithin: 'day',
	targetRatio: 0.8,
	power: 0.8,
	alpha: 0.05
};

// Cameron & Miller (2015, J. Human Resources 50:317–372) treat fewer than ~20–50 clusters as "few":
// the small-sample interval helps but stays approximate, so the note points to the randomisation test
const FEW_CLUSTERS = 20;

function placeArms(place: Int32Array, treated: Uint8Array, y: Float64Array, places: number): PlaceArms[] {
	const out = Array.from({ length: places }, () => ({ n0: 0, n1: 0, y0: 0, y1: 0 }));
	for (let r = 0; r < y.length; r++) {
		const g = out[place[r]];
		if (treated[r]) {
			g.n1++;
			g.y1 += y[r];
		} else {
			g.n0++;
			g.y0 += y[r];
		}
	}
	return out;
}

function fitNotes(what: string, unit: string, fit: FeFit, places: number): string[] {
	if (fit.status === 'no-information') return [`No place has ${unit} on both treated and control days yet, so the ${what} cannot be estimated.`];
	if (fit.status === 'boundary') {
		const arm = fit.beta < 0 ? 'control' : 'treatment';
		return [`Every ${unit.replace(/s$/, '')} in places with both arms fell on ${arm} days, so the ${what} is ${fit.beta < 0 ? '0' : 'unbounded'} and has no interval.`];
	}
	const notes: string[] = [];
	if (fit.clusters < 2) notes.push(`Only one place has ${unit} in both arms; a cluster-robust interval for the ${what} needs at least two.`);
	else if (!(fit.se > 0)) notes.push(`The cluster-robust variance of the ${what} is zero (each place split exactly as fitted); too few places for an interval.`);
	else if (fit.clusters < FEW_CLUSTERS) notes.push(`Only ${fit.clusters} places inform the ${what}; with so few the interval is approximate — read the permutation p-value alongside it.`);
	if (fit.clusters < places) notes.push(`${places - fit.clusters} of ${places} places had no ${unit} or only one arm and do not inform the ${what}.`);
	return notes;
}

export function evaluateTrial(input: readonly PlaceDay[], options: Partial<EvaluateOptions> = {}): TrialEvaluation {
	const o = { ...EVALUATE_DEFAULTS, ...options };
	validateOptions(o);
	validatePlaceDays(input);
	// a canonical order, so the same place-days in any order give the same permutation p-values
	const rows = [...input].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.hotspot < b.hotspot ? -1 : a.hotspot > b.hotspot ? 1 : 0));
	const placeIds = [...new Set(rows.map((r) => r.hotspot))].sort();
	const dayIds = [...new Set(rows.map((r) => r.day))].sort();
	const placeIndex = new Map(placeIds.map((id, i) => [id, i]));
	const dayIndex = new Map(dayIds.map((d, i) => [d, i]));
	const N = rows.length;
	const place = Int32Array.from(rows, (r) => placeIndex.get(r.hotspot)!);
	const day = Int32Array.from(rows, (r) => dayIndex.get(r.day)!);
	const treated = Uint8Array.from(rows, (r) => (r.arm === 'treatment' ? 1 : 0));
	const y = Float64Array.from(rows, (r) => r.crimes);
	const h = Float64Array.from(rows, (r) => r.harm);
	const arms = { treatment: summariseArm(rows, 'treatment'), control: summariseArm(rows, 'control') };
	const bothArms = arms.treatment.placeDays > 0 && arms.control.placeDays > 0;

	const crimeFit = fitPlaceEffectsPoisson(placeArms(place, treated, y, placeIds.length));
	const harmFit = fitPlaceEffectsPoisson(placeArms(place, treated, h, placeIds.length));
	const crime = waldSummary(crimeFit);
	const harm = waldSummary(harmFit);

	const notes: string[] = [];
	if (N === 0) notes.push('No place-days yet.');
	else if (!bothArms) notes.push(`No ${arms.treatment.placeDays === 0 ? 'treatment' : 'control'} place-days yet: there is nothing to compare.`);
	else notes.push(...fitNotes('rate ratio', 'crimes', crimeFit, placeIds.length), ...fitNotes('harm ratio', 'harm', harmFit, placeIds.length));
	notes.push(...doseNotes(rows));

	let permutationP: number | null = null;
	let harmPermutationP: number | null = null;
	if (o.permutations > 0 && bothArms) {
		const design: Design = o.permuteWithin === 'day'
			? { place, block: day, treated, places: placeIds.length, blocks: dayIds.length }
			: { place, block: place, treated, places: placeIds.length, blocks: placeIds.length };
		if (blocksWithBothArms(design) === 0) {
			notes.push(`No ${o.permuteWithin} has both treated and control place-days, so re-randomising within ${o.permuteWithin} changes nothing; no permutation p-values.`);
		} else {
			[permutationP, harmPermutationP] = permutationPValues(design, [y, h], o.permutations, o.seed);
			if (crimeFit.status === 'no-information') permutationP = null;
			if (harmFit.status === 'no-information') harmPermutationP = null;
		}
	}

	const power = powerStatement(
		{
			place,
			treated,
			y,
			places: placeIds.length,
			beta: crimeFit.status === 'ok' ? crimeFit.beta : 0,
			placesPerDay: dayIds.length > 0 ? N / dayIds.length : 0,
			df: crimeFit.status === 'ok' && crimeFit.df > 0 ? crimeFit.df : null
		},
		o.targetRatio,
		o.power,
		o.alpha
	);

	const method =
		'Poisson regression with place fixed effects (conditional quasi-MLE, Hausman–Hall–Griliches 1984; Wooldridge 1999), ' +
		'cluster-robust variance by place (CR2, Bell & McCaffrey 2002) with t intervals on Bell–McCaffrey degrees of freedom; harm by the same quasi-Poisson model; ' +
		(o.permutations > 0 ? `randomisation test re-randomising arms within ${o.permuteWithin} (${o.permutations} permutations, score statistic).` : 'no randomisation test.');

	return {
		placeDays: N,
		places: placeIds.length,
		days: dayIds.length,
		firstDay: dayIds[0] ?? null,
		lastDay: dayIds.at(-1) ?? null,
		arms,
		rateRatio: crime.ratio,
		ci95: crime.ci95,
		p: crime.p,
		permutationP,
		harmRatio: harm.ratio,
		harmCi95: harm.ci95,
		harmP: harm.p,
		harmPermutationP,
		informativePlaces: crimeFit.clusters,
		method,
		permutations: o.permutations,
		seed: o.seed,
		power,
		notes
	};
}
