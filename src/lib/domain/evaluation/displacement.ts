// Displacement or diffusion of benefits: the buffers evaluated like the places (the same model,
// place effects and randomisation test), read in words. Treated-day buffer crime below control-day
// buffer crime is a diffusion of benefits (Clarke & Weisburd 1994, Crime Prevention Studies
// 2:165–184); above it, displacement. Only an interval that leaves out 1 earns either word.
import { evaluateTrial } from './evaluate.ts';
import type { EvaluateOptions, PlaceDay, TrialEvaluation } from './types.ts';

export type DisplacementReading = 'diffusion of benefits' | 'displacement' | 'no clear change' | 'not estimable';

export interface Displacement {
	reading: DisplacementReading;
	statement: string;
	buffers: TrialEvaluation;
}

const two = (x: number) => x.toFixed(2);

export function readDisplacement(buffers: TrialEvaluation, metres = 100): { reading: DisplacementReading; statement: string } {
	const where = `Within ${metres} m of the hot spots`;
	if (buffers.rateRatio === null || buffers.ci95 === null) {
		return { reading: 'not estimable', statement: `${where} there are too few crimes yet to tell displacement from diffusion of benefits.` };
	}
	const [lo, hi] = buffers.ci95;
	const reading: DisplacementReading = hi < 1 ? 'diffusion of benefits' : lo > 1 ? 'displacement' : 'no clear change';
	const verdict =
		reading === 'diffusion of benefits'
			? 'crime fell around treated hot spots too: a diffusion of benefits, not displacement'
			: reading === 'displacement'
				? 'crime rose around treated hot spots: displacement'
				: 'no clear displacement or diffusion of benefits';
	return {
		reading,
		statement: `${where}, crime on treated days was ${two(buffers.rateRatio)} times that on control days (95 % CI ${two(lo)}–${two(hi)}): ${verdict}.`
	};
}

/** Evaluate buffer place-days (from buildPlaceDays) and read the result. */
export function evaluateDisplacement(buffers: readonly PlaceDay[], options: Partial<EvaluateOptions> = {}, metres = 100): Displacement {
	const evaluation = evaluateTrial(buffers, options);
	return { ...readDisplacement(evaluation, metres), buffers: evaluation };
}
