// `evaluate`: a trial's place-days in, one JSON object out (docs/evaluation.md). No database.
import { existsSync, readFileSync } from 'node:fs';
import { evaluateDisplacement } from '../../lib/domain/evaluation/displacement.ts';
import { EVALUATE_DEFAULTS, evaluateTrial } from '../../lib/domain/evaluation/evaluate.ts';
import type { EvaluateOptions, TrialEvaluation } from '../../lib/domain/evaluation/types.ts';
import { seedFrom } from '../../lib/domain/random.ts';
import { args, required, UsageError } from '../args.ts';
import { parsePlaceDaysCsv } from '../place-days-csv.ts';

export const help = `evaluate --place-days <csv> [options]
  Evaluates a randomised hot spot trial and prints one JSON object:
    {"placeDays","places","days","arms","rateRatio","ci95":[low,high],"p","permutationP",
     "harmRatio","harmCi95","harmP","harmPermutationP","method","power","notes",…}
  rateRatio and harmRatio are treatment ÷ control from a Poisson model with place fixed effects
  (each hot spot against its own baseline) with cluster-robust 95 % intervals and two-sided p;
  permutationP re-randomises the arms within each experimental day. power states the place-days
  so far against those needed to detect the target effect.
  --place-days <csv>   header hotspot,day,arm,crimes,harm (arm treatment|control, day YYYY-MM-DD);
                       optional columns doseMinutes,doses give the dose achieved per arm
  --buffer-days <csv>  the same for each hot spot's 100 m buffer: adds "displacement"
  --permutations 999   re-randomisations for the permutation p-values (0 skips them)
  --seed <n or text>   seed for the re-randomisations (default fixed, so runs repeat)
  --within day|place   block the re-randomisation by day (the daily design) or by place
  --target 0.8         rate ratio the power statement is about (0.8 = a 20 % reduction)`;

function read(path: string, flag: string): string {
	if (!existsSync(path)) throw new UsageError(`${flag}: ${path} does not exist`);
	return readFileSync(path, 'utf8');
}

function options(values: { permutations?: string; seed?: string; within?: string; target?: string }): Partial<EvaluateOptions> {
	const o: Partial<EvaluateOptions> = {};
	if (values.permutations !== undefined) {
		const n = Number(values.permutations);
		if (!/^\d+$/.test(values.permutations) || n > 1_000_000) throw new UsageError(`--permutations must be a whole number from 0 to 1000000, got "${values.permutations}"`);
		o.permutations = n;
	}
	if (values.seed !== undefined) o.seed = /^\d+$/.test(values.seed) ? Number(values.seed) >>> 0 : seedFrom(values.seed);
	if (values.within !== undefined) {
		if (values.within !== 'day' && values.within !== 'place') throw new UsageError(`--within must be day or place, got "${values.within}"`);
		o.permuteWithin = values.within;
	}
	if (values.target !== undefined) {
		const r = Number(values.target);
		if (!(r > 0 && r < 10) || r === 1) throw new UsageError(`--target must be a rate ratio above 0 and not 1 (0.8 = a 20 % reduction), got "${values.target}"`);
		o.targetRatio = r;
	}
	return o;
}

const two = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

function summary(e: TrialEvaluation): string {
	const ci = (c: [number, number] | null) => (c ? ` (95 % CI ${two(c[0])}–${two(c[1])})` : '');
	const p = (x: number | null) => (x === null ? '' : x < 0.001 ? ', p < 0.001' : `, p = ${x.toFixed(3)}`);
	return `rate ratio ${two(e.rateRatio)}${ci(e.ci95)}${p(e.p)}; harm ratio ${two(e.harmRatio)}${ci(e.harmCi95)}${p(e.harmP)}. ${e.power.statement}`;
}

export async function run(argv: string[]): Promise<number> {
	const { values } = args(argv, {
		'place-days': { type: 'string' },
		'buffer-days': { type: 'string' },
		permutations: { type: 'string' },
		seed: { type: 'string' },
		within: { type: 'string' },
		target: { type: 'string' }
	});
	const file = required(values['place-days'], '--place-days');
	const o = { ...EVALUATE_DEFAULTS, ...options(values) };
	const places = parsePlaceDaysCsv(read(file, '--place-days'), file);
	const buffersFile = values['buffer-days'];
	const buffers = buffersFile ? parsePlaceDaysCsv(read(buffersFile, '--buffer-days'), buffersFile) : null;
	const evaluation = evaluateTrial(places, o);
	const displacement = buffers ? evaluateDisplacement(buffers, o) : null;
	const out = displacement
		? { ...evaluation, displacement: { reading: displacement.reading, statement: displacement.statement, ...displacement.buffers } }
		: evaluation;
	process.stdout.write(JSON.stringify(out, null, 2) + '\n');
	console.error(summary(evaluation) + (displacement ? ` ${displacement.statement}` : ''));
	return 0;
}
