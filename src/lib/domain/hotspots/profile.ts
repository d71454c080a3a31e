// Hour-of-week profiles and peak windows. When records carry times (a force's own data, the
// Chicago and Memphis sets) a hot spot is live at its peak hours rather than the default
// day/night halves (DESIGN.md windows). Peaks are chosen on a smoothed profile, shrunk toward the
// whole area's profile so a hot spot with 20 records does not chase noise.
import { DateTime } from 'luxon';
import type { Window } from './types.ts';

export const HOURS_PER_WEEK = 168;

/** Maps epoch ms to the hour of the week (0 = Monday 00:00) in a zone; memoised per 15 minutes. */
export function hourOfWeekIn(tz: string): (t: number) => number {
	const memo = new Map<number, number>();
	return (t) => {
		const k = Math.floor(t / 900_000);
		let h = memo.get(k);
		if (h === undefined) {
			const d = DateTime.fromMillis(k * 900_000, { zone: tz });
			h = (d.weekday - 1) * 24 + d.hour;
			memo.set(k, h);
		}
		return h;
	};
}

export interface PeakOptions {
	/** stop adding hours once this share of the weight is covered */
	coverage: number;
	/** never more than this many hours a week */
	maxHours: number;
	/** pseudo-records of the area's profile mixed in */
	priorWeight: number;
}

export const PEAK_DEFAULTS: PeakOptions = { coverage: 0.5, maxHours: 56, priorWeight: 10 };

export function smooth(profile: Float64Array): Float64Array {
	const out = new Float64Array(HOURS_PER_WEEK);
	for (let h = 0; h < HOURS_PER_WEEK; h++) {
		out[h] = (profile[(h + HOURS_PER_WEEK - 1) % HOURS_PER_WEEK] + 2 * profile[h] + profile[(h + 1) % HOURS_PER_WEEK]) / 4;
	}
	return out;
}

/** The hours (0–167) that make a hot spot's peak, as a sorted list. */
export function peakHours(profile: Float64Array, prior: Float64Array | null, opts: PeakOptions = PEAK_DEFAULTS): number[] {
	const total = profile.reduce((s, v) => s + v, 0);
	if (total <= 0) return [];
	const mixed = new Float64Array(HOURS_PER_WEEK);
	const priorTotal = prior ? prior.reduce((s, v) => s + v, 0) : 0;
	// add `priorWeight` pseudo-records spread like the whole area's profile
	for (let h = 0; h < HOURS_PER_WEEK; h++) {
		mixed[h] = profile[h] + (prior && priorTotal > 0 ? (opts.priorWeight * total * prior[h]) / (priorTotal * Math.max(1, total)) : 0);
	}
	const s = smooth(mixed);
	const order = [...s.keys()].sort((a, b) => s[b] - s[a] || a - b);
	const chosen = new Set<number>();
	let covered = 0;
	for (const h of order) {
		if (covered >= opts.coverage * total || chosen.size >= opts.maxHours) break;
		chosen.add(h);
		covered += profile[h];
	}
	// a single isolated hour is not a patrol window: join it to its stronger neighbour
	for (const h of [...chosen]) {
		const prev = (h + HOURS_PER_WEEK - 1) % HOURS_PER_WEEK;
		const next = (h + 1) % HOURS_PER_WEEK;
		if (!chosen.has(prev) && !chosen.has(next)) chosen.add(s[prev] >= s[next] ? prev : next);
	}
	return [...chosen].sort((a, b) => a - b);
}

/** Hours of the week as windows: runs split at midnight, days with the same hours grouped. */
export function hoursToWindows(hours: number[], tz: string): Window[] {
	if (hours.length === 0) return [];
	if (hours.length >= HOURS_PER_WEEK) return [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00', tz }];
	const set = new Set(hours);
	// start runs after a gap so a run across Sunday→Monday stays whole
	const start = hours.find((h) => !set.has((h + HOURS_PER_WEEK - 1) % HOURS_PER_WEEK))!;
	const pieces = new Map<string, Set<number>>();
	let runStart = -1;
	for (let k = 0; k <= HOURS_PER_WEEK; k++) {
		const h = (start + k) % HOURS_PER_WEEK;
		const inRun = k < HOURS_PER_WEEK && set.has(h);
		if (inRun && runStart < 0) runStart = k;
		if ((!inRun || h % 24 === 0) && runStart >= 0 && k > runStart) {
			// close the piece at a gap or at midnight
			const from = (start + runStart) % HOURS_PER_WEEK;
			const to = (start + k) % HOURS_PER_WEEK;
			const day = Math.floor(from / 24) + 1;
			const id = `${from % 24}-${to % 24}`;
			const days = pieces.get(id) ?? new Set<number>();
			days.add(day);
			pieces.set(id, days);
			runStart = inRun ? k : -1;
		}
	}
	const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
	return [...pieces.entries()]
		.map(([id, days]) => {
			const [from, to] = id.split('-').map(Number);
			return { days: [...days].sort((a, b) => a - b), from: hh(from), to: hh(to), tz };
		})
		.sort((a, b) => a.days[0] - b.days[0] || a.from.localeCompare(b.from));
}

const DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Fri–Sat 22:00–03:00" style text for windows. */
export function describeWindows(windows: Window[]): string {
	return windows
		.map((w) => {
			const days = w.days.length === 7 ? 'every day' : contiguous(w.days) ? `${DAY[w.days[0] - 1]}–${DAY[w.days[w.days.length - 1] - 1]}` : w.days.map((d) => DAY[d - 1]).join(', ');
			return `${days} ${w.from}–${w.to}`;
		})
		.join('; ');
}

function contiguous(days: number[]): boolean {
	return days.length > 1 && days.every((d, i) => i === 0 || d === days[i - 1] + 1);
}
