// The look-back (docs/hotspots.md, Detection): the months analysed, ending at the latest selected
// record unless told, and the period of the same length before them, which gives the trend.
// Records with a time are placed by it; records with a month only, by their month.
import { DateTime } from 'luxon';
import type { CrimeColumns } from './columns.ts';
import type { DetectOptions } from './detect-options.ts';

export interface Lookback {
	/** month indexes (year × 12 + month − 1) */
	fromMonth: number;
	untilMonth: number;
	prevFromMonth: number;
	/** the earliest selected record's month: a trend needs the whole earlier period on record */
	earliestMonth: number;
	/** 0 = outside, 1 = look-back, 2 = the period before it (for the trend) */
	period: (i: number) => 0 | 1 | 2;
}

/** `selected[category]` is 1 for the categories detection uses. */
export function lookback(data: CrimeColumns, selected: Uint8Array, o: Pick<DetectOptions, 'until' | 'tz' | 'lookbackMonths'>): Lookback {
	let latestT = -Infinity;
	let latestMonth = -1;
	let earliestMonth = Infinity;
	for (let i = 0; i < data.n; i++) {
		if (!selected[data.cat[i]]) continue;
		if (data.t[i] > latestT) latestT = data.t[i];
		if (data.month[i] > latestMonth) latestMonth = data.month[i];
		if (data.month[i] < earliestMonth) earliestMonth = data.month[i];
	}
	const untilMs = o.until ?? (Number.isFinite(latestT) ? latestT : null);
	const untilMonth = o.until !== null ? monthOf(o.until, o.tz) : latestMonth;
	const fromMs = untilMs !== null ? DateTime.fromMillis(untilMs, { zone: o.tz }).minus({ months: o.lookbackMonths }).toMillis() : -Infinity;
	const prevFromMs = untilMs !== null ? DateTime.fromMillis(untilMs, { zone: o.tz }).minus({ months: 2 * o.lookbackMonths }).toMillis() : -Infinity;
	const fromMonth = untilMonth - o.lookbackMonths + 1;
	const prevFromMonth = fromMonth - o.lookbackMonths;
	const period = (i: number): 0 | 1 | 2 => {
		const t = data.t[i];
		if (!Number.isNaN(t) && untilMs !== null) return t > untilMs ? 0 : t > fromMs ? 1 : t > prevFromMs ? 2 : 0;
		const m = data.month[i];
		return m > untilMonth ? 0 : m >= fromMonth ? 1 : m >= prevFromMonth ? 2 : 0;
	};
	return { fromMonth, untilMonth, prevFromMonth, earliestMonth, period };
}

function monthOf(t: number, tz: string): number {
	const d = DateTime.fromMillis(t, { zone: tz });
	return d.year * 12 + d.month - 1;
}
