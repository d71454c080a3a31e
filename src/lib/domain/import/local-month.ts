// The YYYY-MM a moment falls in, in a zone, for a million records without a million Luxon calls.
// A UTC day overlaps at most two local months, and the boundary between them is found exactly
// (Luxon's start of the later month), so the answer is right whatever the zone's offset — whole
// hours, India's +5:30, Nepal's +5:45, Lord Howe's half-hour DST — unlike a cache per UTC hour,
// which put 23:45 on 31 January in Kolkata into February.
import { DateTime } from 'luxon';

const DAY = 86_400_000;

interface DayMonths {
	/** epoch ms at which the later month starts inside this UTC day; Infinity when none does */
	boundary: number;
	before: string;
	after: string;
}

const label = (t: number, tz: string) => DateTime.fromMillis(t, { zone: tz }).toFormat('yyyy-MM');

/** A month-of lookup for one zone, memoised per UTC day. */
export function localMonthIn(tz: string): (t: number) => string {
	const days = new Map<number, DayMonths>();
	return (t) => {
		const day = Math.floor(t / DAY);
		let d = days.get(day);
		if (!d) {
			const first = label(day * DAY, tz);
			const last = label(day * DAY + DAY - 1, tz);
			const boundary = first === last ? Infinity : DateTime.fromMillis(day * DAY + DAY - 1, { zone: tz }).startOf('month').toMillis();
			d = { boundary, before: first, after: last };
			if (days.size > 50_000) days.clear();
			days.set(day, d);
		}
		return t < d.boundary ? d.before : d.after;
	};
}
