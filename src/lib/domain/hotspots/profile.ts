// Hour-of-week profiles and peak windows. When records carry times (a force's own data, the Chicago
// and Memphis sets) a hot spot is live at its peak hours rather than the default day/night halves
// (docs/hotspots.md, Detection 6). Peaks are chosen on a smoothed profile, shrunk toward the whole
// area's profile so a hot spot with 20 records does not chase noise.
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
	/** shortest and longest window, hours */
	minHours: number;
	maxHours: number;
	/** keep the days that together hold this share of the window's weight */
	dayCoverage: number;
	/** pseudo-records of the area's profile mixed in */
	priorWeight: number;
}

export const PEAK_DEFAULTS: PeakOptions = { minHours: 3, maxHours: 10, dayCoverage: 0.7, priorWeight: 10 };

/**
 * The hot spot's peak as one patrollable window: the block of hours of the day (pooled over the
 * week, shrunk toward the area's profile) that holds the most weight above what its length would
 * hold if crime were spread evenly, then the days of the week that carry most of that block —
 * e.g. "Fri–Sun 21:00–03:00". One window is what a briefing can state and a rota can cover.
 */
export function peakWindow(profile: Float64Array, prior: Float64Array | null, opts: PeakOptions = PEAK_DEFAULTS): { days: number[]; from: number; hours: number } | null {
	const total = profile.reduce((s, v) => s + v, 0);
	if (total <= 0) return null;
	const priorTotal = prior ? prior.reduce((s, v) => s + v, 0) : 0;
	const mixed = new Float64Array(HOURS_PER_WEEK);
	for (let h = 0; h < HOURS_PER_WEEK; h++) mixed[h] = profile[h] + (prior && priorTotal > 0 ? (opts.priorWeight * prior[h]) / priorTotal : 0);
	const mixedTotal = mixed.reduce((s, v) => s + v, 0);
	const byHour = new Float64Array(24);
	for (let h = 0; h < HOURS_PER_WEEK; h++) byHour[h % 24] += mixed[h];
	let best = { from: 0, hours: 24, score: -Infinity };
	for (let len = opts.minHours; len <= opts.maxHours; len++) {
		for (let from = 0; from < 24; from++) {
			let w = 0;
			for (let k = 0; k < len; k++) w += byHour[(from + k) % 24];
			const score = w / mixedTotal - len / 24;
			if (score > best.score + 1e-12) best = { from, hours: len, score };
		}
	}
	// weight of the block on each day it starts
	const perDay = new Float64Array(7);
	for (let d = 0; d < 7; d++) for (let k = 0; k < best.hours; k++) perDay[d] += mixed[(d * 24 + best.from + k) % HOURS_PER_WEEK];
	const blockTotal = perDay.reduce((s, v) => s + v, 0);
	const order = [...perDay.keys()].sort((a, b) => perDay[b] - perDay[a] || a - b);
	const days: number[] = [];
	let covered = 0;
	for (const d of order) {
		if (covered >= opts.dayCoverage * blockTotal) break;
		days.push(d + 1);
		covered += perDay[d];
	}
	return { days: days.sort((a, b) => a - b), from: best.from, hours: best.hours };
}

export function peakWindows(profile: Float64Array, prior: Float64Array | null, tz: string, opts: PeakOptions = PEAK_DEFAULTS): Window[] {
	const p = peakWindow(profile, prior, opts);
	if (!p) return [];
	const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
	return [{ days: p.days, from: hh(p.from), to: hh(p.from + p.hours), tz }];
}

const DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Fri–Sat 22:00–03:00" style text for windows. */
export function describeWindows(windows: Window[]): string {
	return windows
		.map((w) => {
			return `${describeDays(w.days)} ${w.from}–${w.to}`;
		})
		.join('; ');
}

/** [5, 6, 7] → "Fri–Sun"; [6, 7, 1] → "Sat–Mon"; [1, 3] → "Mon, Wed". */
export function describeDays(days: number[]): string {
	if (days.length === 7) return 'every day';
	if (days.length === 1) return DAY[days[0] - 1];
	const set = new Set(days);
	// a run around the week starts at the day whose previous day is absent
	const starts = days.filter((d) => !set.has(d === 1 ? 7 : d - 1));
	if (starts.length === 1) {
		const first = starts[0];
		const last = (first - 1 + days.length - 1) % 7 + 1;
		return `${DAY[first - 1]}–${DAY[last - 1]}`;
	}
	return [...days].sort((a, b) => a - b).map((d) => DAY[d - 1]).join(', ');
}
