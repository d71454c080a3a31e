// Why a detection run found nothing, when the reason is in the input rather than in the data's
// geography: no records at all, none of the chosen types in the look-back, or only types whose
// harm weight is 0 (anti-social behaviour) weighed by harm — each used to print "0 hot spots"
// and succeed. Pure; the CLI and the analyst's page phrase the remedy in their own terms.
import type { CrimeColumns } from './columns.ts';
import type { DetectOptions, DetectResult } from './detect.ts';

export type NoResult = { kind: 'no-records' | 'none-selected' | 'no-harm'; message: string };

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** Categories chosen by `o` whose records all weigh 0, and whether any chosen one weighs more. */
export function zeroHarmTypes(data: CrimeColumns, o: Pick<DetectOptions, 'types' | 'excluded'>): { zero: string[]; weighted: boolean } {
	const harm = new Float64Array(data.categories.length);
	const seen = new Uint8Array(data.categories.length);
	for (let i = 0; i < data.n; i++) {
		harm[data.cat[i]] += data.harm[i];
		seen[data.cat[i]] = 1;
	}
	const chosen = data.categories.map((c, i) => i).filter((i) => seen[i] && (o.types ? o.types.includes(data.categories[i]) : !o.excluded.includes(data.categories[i])));
	return { zero: chosen.filter((i) => harm[i] === 0).map((i) => data.categories[i]), weighted: chosen.some((i) => harm[i] > 0) };
}

export function explainNoResult(data: CrimeColumns, o: Pick<DetectOptions, 'types' | 'excluded' | 'metric'>, result: DetectResult): NoResult | null {
	if (data.n === 0) return { kind: 'no-records', message: 'no records to analyse' };
	if (result.study.records === 0) {
		const types = o.types ? `of ${list(o.types)} ` : '';
		return { kind: 'none-selected', message: `no records ${types}fall in the look-back (${result.study.from}…${result.study.to})` };
	}
	if (o.metric === 'harm' && result.study.totalHarm === 0) {
		const { zero } = zeroHarmTypes(data, o);
		const named = zero.length ? `${list(zero)} ${zero.length === 1 ? 'has' : 'have'} harm weight 0` : 'the chosen records have harm weight 0';
		return { kind: 'no-harm', message: `nothing to weigh: ${named} in the harm table, so no place stands out by harm` };
	}
	return null;
}
