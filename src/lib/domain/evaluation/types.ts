// The trial's vocabulary (docs/evaluation.md): a place-day is one hot spot on one experimental day,
// in the arm the daily randomisation gave it, with its outcomes (crime records and their harm) and,
// when known, the patrol dose it received.

export type Arm = 'treatment' | 'control';

export interface PlaceDay {
	hotspot: string;
	/** the experimental day's label, YYYY-MM-DD (the date it starts on) */
	day: string;
	arm: Arm;
	/** crime records that day inside the place (or its buffer, for buffer rows) */
	crimes: number;
	/** their summed harm weights (days, Cambridge Crime Harm Index) */
	harm: number;
	/** patrol-minutes delivered that day (≥ 1 officer present), when known */
	doseMinutes?: number;
	/** visits of ≥ 10 minutes inside that day, when known */
	doses?: number;
}

export interface ArmSummary {
	placeDays: number;
	crimes: number;
	harm: number;
	crimesPerPlaceDay: number | null;
	harmPerPlaceDay: number | null;
	/** null unless every place-day in the arm carries doseMinutes */
	doseMinutes: number | null;
	doseMinutesPerPlaceDay: number | null;
	/** null unless every place-day in the arm carries doses */
	doses: number | null;
	dosesPerPlaceDay: number | null;
	/** share of the arm's place-days with at least one dose */
	dosedShare: number | null;
}

export interface PowerStatement {
	placeDays: number;
	/** place-days needed in all, both arms together; null when the control mean is 0 */
	needed: number | null;
	targetRatio: number;
	power: number;
	alpha: number;
	/** crimes per control place-day */
	controlMean: number | null;
	/** within-place overdispersion φ in Var = μ + φμ², after removing place effects */
	overdispersion: number | null;
	/** degrees of freedom of the t quantiles used (the fit's); null: normal quantiles */
	df: number | null;
	/** the plain sentence for commanders */
	statement: string;
}

export interface TrialEvaluation {
	placeDays: number;
	places: number;
	days: number;
	firstDay: string | null;
	lastDay: string | null;
	arms: { treatment: ArmSummary; control: ArmSummary };
	rateRatio: number | null;
	ci95: [number, number] | null;
	p: number | null;
	permutationP: number | null;
	harmRatio: number | null;
	harmCi95: [number, number] | null;
	harmP: number | null;
	harmPermutationP: number | null;
	informativePlaces: number;
	method: string;
	permutations: number;
	seed: number;
	power: PowerStatement;
	/** why a figure is null, or what to read with care */
	notes: string[];
}

export interface EvaluateOptions {
	/** re-randomisations for the permutation p-values (0 skips them); default 999 */
	permutations: number;
	seed: number;
	/** the blocks arms are re-randomised within: the day (the design's daily randomisation) or the place */
	permuteWithin: 'day' | 'place';
	/** effect the power statement is about; default 0.8 (a 20 % reduction) */
	targetRatio: number;
	power: number;
	alpha: number;
}
