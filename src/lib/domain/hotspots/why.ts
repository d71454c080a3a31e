// The plain-English "why" of a hot spot, for officers' briefings and analysts' reports: what
// happens here, how much harm, when, whether it is rising, and how sure we are.
import { HOURS_PER_WEEK } from './profile.ts';
import { describeWindows } from './profile.ts';
import type { Window } from './types.ts';

export interface WhyFacts {
	name: string;
	rank: number;
	of: number;
	crimes: number;
	harm: number;
	totalHarm: number;
	cells: number;
	studyCells: number;
	byCategory: [string, number][];
	lookbackMonths: number;
	/** YYYY-MM, the first month with records in the look-back */
	from: string;
	/** YYYY-MM, the last month of the look-back */
	until: string;
	windows: Window[];
	/** hour-of-week weights when records have times */
	profile: Float64Array | null;
	timed: boolean;
	/** records here in the period before the look-back; null when there is no earlier data */
	previous: number | null;
	z: number;
	p: number;
	metric: 'harm' | 'count';
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const pct = (x: number) => {
	const v = x * 100;
	if (v >= 10) return `${Math.round(v)} %`;
	if (v >= 0.1 || v === 0) return `${v.toFixed(1).replace(/\.0$/, '')} %`;
	return `${v.toPrecision(1)} %`;
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function explain(f: WhyFacts): string {
	const [y, m] = f.until.split('-').map(Number);
	const [fy, fm] = f.from.split('-').map(Number);
	const months = (y - fy) * 12 + (m - fm) + 1;
	// say what the data covers, not what was asked for: four months of records are not "12 months"
	const period =
		months >= f.lookbackMonths
			? `in the ${f.lookbackMonths} months to ${MONTHS[m - 1]} ${y}`
			: months === 1
				? `in ${MONTHS[m - 1]} ${y}`
				: `in ${months} months of records, ${MONTHS[fm - 1]}${fy !== y ? ` ${fy}` : ''}–${MONTHS[m - 1]} ${y}`;
	const types = f.byCategory
		.slice(0, 4)
		.map(([c, n]) => `${n} ${c.toLowerCase()}`)
		.join(', ');
	const more = f.byCategory.length > 4 ? ` and ${f.byCategory.slice(4).reduce((s, [, n]) => s + n, 0)} other` : '';
	const parts = [
		`Ranked ${f.rank} of ${f.of} by ${f.metric === 'harm' ? 'harm' : 'crime count'}.`,
		`${f.crimes} crime${f.crimes === 1 ? '' : 's'} ${period}: ${types}${more}.`,
		`Harm ${fmt(f.harm)} days (Cambridge Crime Harm Index): ${pct(f.totalHarm > 0 ? f.harm / f.totalHarm : 0)} of all harm in the area, from ${pct(f.cells / Math.max(1, f.studyCells))} of its places.`
	];
	// a force outside the UK must not read London hours into its windows: name any other zone
	const tz = f.windows[0]?.tz;
	const zone = tz && tz !== 'Europe/London' ? ` (${tz} time)` : '';
	if (f.profile) {
		const total = f.profile.reduce((s, v) => s + v, 0);
		let inWindows = 0;
		for (let h = 0; h < HOURS_PER_WEEK; h++) if (liveAtHour(f.windows, h)) inWindows += f.profile[h];
		parts.push(`Peak times${zone}: ${describeWindows(f.windows)} (${pct(total > 0 ? inWindows / total : 0)} of its ${f.metric === 'harm' ? 'harm' : 'crimes'}).`);
	} else if (!f.timed) {
		parts.push(`The records give only the month, not the time, so the standard day (06:00–18:00) and night (18:00–06:00) windows apply${zone}.`);
	}
	if (f.previous === null) parts.push('Too few earlier records for a trend.');
	else if (f.previous === 0) parts.push(`None in the ${Math.min(months, f.lookbackMonths)} months before.`);
	else {
		const change = (f.crimes - f.previous) / f.previous;
		const word = Math.abs(change) < 0.05 ? 'About the same as' : change > 0 ? `Up ${pct(change)} on` : `Down ${pct(-change)} on`;
		parts.push(`${word} the ${Math.min(months, f.lookbackMonths)} months before (${f.previous} → ${f.crimes}).`);
	}
	parts.push(`A statistically significant hot spot (Getis-Ord Gi* z = ${f.z.toFixed(1)}, FDR-adjusted p ${f.p < 0.001 ? '< 0.001' : `= ${f.p.toFixed(3)}`}).`);
	return parts.join(' ');
}

function liveAtHour(windows: Window[], hourOfWeek: number): boolean {
	const day = Math.floor(hourOfWeek / 24) + 1;
	const hour = hourOfWeek % 24;
	return windows.some((w) => {
		const from = Number(w.from.slice(0, 2));
		const to = Number(w.to.slice(0, 2));
		const prevDay = day === 1 ? 7 : day - 1;
		if (to > from) return w.days.includes(day) && hour >= from && hour < to;
		// past midnight: the evening part belongs to the listed day, the early hours to the next
		return (w.days.includes(day) && hour >= from) || (w.days.includes(prevDay) && hour < to);
	});
}
