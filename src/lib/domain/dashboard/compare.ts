// Whether a period can be compared with the one before it. A previous period only partly on
// record reads as a rise that never happened: "+261 % on the period before (272)" compared
// February–April with January alone, because the records began in January. So the previous
// period must be as long as the chosen one and every one of its months must hold records.
import { monthLabel } from '../hotspots/columns.ts';

export type Comparison =
	| { ok: true; fromMonth: number; toMonth: number }
	| { ok: false; fromMonth: number; toMonth: number; reason: string };

const span = (a: number, b: number) => (a === b ? monthLabel(a) : `${monthLabel(a)} to ${monthLabel(b)}`);

/**
 * The period of equal length just before [fromMonth, toMonth] (months since year 0), and whether
 * it is fully on record: `held` says whether any record (of any type or place) falls in a month.
 */
export function previousPeriod(fromMonth: number, toMonth: number, held: (month: number) => boolean, earliest: number | null): Comparison {
	const n = toMonth - fromMonth + 1;
	const prev = { fromMonth: fromMonth - n, toMonth: fromMonth - 1 };
	const months = n === 1 ? 'month' : `${n} months`;
	if (earliest === null) return { ok: false, ...prev, reason: 'No comparison: no records held.' };
	if (earliest > prev.fromMonth) {
		return {
			ok: false,
			...prev,
			reason: `No comparison: records start in ${monthLabel(earliest)}, so the ${months} before (${span(prev.fromMonth, prev.toMonth)}) ${n === 1 ? 'is' : 'are'} not on record.`
		};
	}
	const missing: number[] = [];
	for (let m = prev.fromMonth; m <= prev.toMonth; m++) if (!held(m)) missing.push(m);
	if (missing.length) {
		return {
			ok: false,
			...prev,
			reason: `No comparison: no records at all for ${missing.map(monthLabel).join(', ')} in the ${months} before (${span(prev.fromMonth, prev.toMonth)}) — a month not imported?`
		};
	}
	return { ok: true, ...prev };
}

/** The months that hold any record, and the earliest: two passes over typed arrays, no per-record allocation. */
export function monthsHeld(month: Int32Array, n: number): { held: (m: number) => boolean; earliest: number | null } {
	if (n === 0) return { held: () => false, earliest: null };
	let lo = Infinity;
	let hi = -Infinity;
	for (let i = 0; i < n; i++) {
		if (month[i] < lo) lo = month[i];
		if (month[i] > hi) hi = month[i];
	}
	const seen = new Uint8Array(hi - lo + 1);
	for (let i = 0; i < n; i++) seen[month[i] - lo] = 1;
	return { held: (m) => m >= lo && m <= hi && seen[m - lo] === 1, earliest: lo };
}
