import { DateTime } from 'luxon';
import type { Window } from './types.ts';

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** The default windows (docs/hotspots.md, Detection 6): day 06:00–18:00 and night 18:00–06:00, every day, in the data's zone. */
export function dayNightWindows(tz: string): Window[] {
	return [
		{ days: ALL_DAYS, from: '06:00', to: '18:00', tz },
		{ days: ALL_DAYS, from: '18:00', to: '06:00', tz }
	];
}

function minutesOf(hhmm: string): number {
	const [h, m] = hhmm.split(':').map(Number);
	return h * 60 + m;
}

export interface LiveWindow {
	window: Window;
	/** epoch ms of this occurrence's start and end (DST-correct) */
	start: number;
	end: number;
}

/**
 * The occurrence of any window that contains `at`, or null. A window that runs past midnight
 * belongs to the day it starts on (a Friday night window covers Saturday 02:00).
 */
export function liveWindowAt(windows: Window[], at: number): LiveWindow | null {
	for (const w of windows) {
		const local = DateTime.fromMillis(at, { zone: w.tz });
		for (const dayOffset of [0, -1]) {
			const day = local.plus({ days: dayOffset }).startOf('day');
			if (!w.days.includes(day.weekday)) continue;
			const from = minutesOf(w.from);
			let to = minutesOf(w.to);
			if (to <= from) to += 24 * 60;
			// set wall-clock hour and minute, so a 06:00 start stays 06:00 on clock-change days
			const s = day.set({ hour: Math.floor(from / 60), minute: from % 60 });
			const e =
				to >= 24 * 60
					? day.plus({ days: 1 }).set({ hour: Math.floor((to - 1440) / 60), minute: (to - 1440) % 60 })
					: day.set({ hour: Math.floor(to / 60), minute: to % 60 });
			if (at >= s.toMillis() && at < e.toMillis()) return { window: w, start: s.toMillis(), end: e.toMillis() };
		}
	}
	return null;
}

/**
 * Every occurrence of the windows that overlaps [from, to), each once, in start order: the doses
 * due in a period (one per live window). Day by day rather than minute by minute, so a week
 * costs a few dozen date calculations.
 */
export function occurrencesBetween(windows: Window[], from: number, to: number): { start: number; end: number }[] {
	const found = new Map<number, number>();
	for (const w of windows) {
		const fromM = minutesOf(w.from);
		let toM = minutesOf(w.to);
		if (toM <= fromM) toM += 24 * 60;
		// the day before `from` too: its window may run past midnight into the period
		let day = DateTime.fromMillis(from, { zone: w.tz }).startOf('day').minus({ days: 1 });
		const last = DateTime.fromMillis(to, { zone: w.tz }).startOf('day');
		for (; day <= last; day = day.plus({ days: 1 })) {
			if (!w.days.includes(day.weekday)) continue;
			const s = day.set({ hour: Math.floor(fromM / 60), minute: fromM % 60 }).toMillis();
			const e = (
				toM >= 24 * 60 ? day.plus({ days: 1 }).set({ hour: Math.floor((toM - 1440) / 60), minute: (toM - 1440) % 60 }) : day.set({ hour: Math.floor(toM / 60), minute: toM % 60 })
			).toMillis();
			if (s < to && e > from && !found.has(s)) found.set(s, e);
		}
	}
	return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([start, end]) => ({ start, end }));
}

export function isLive(windows: Window[], at: number): boolean {
	return liveWindowAt(windows, at) !== null;
}

/** The start of the next occurrence of any window after `at` (within a week), or null. */
export function nextWindowStart(windows: Window[], at: number): number | null {
	let best: number | null = null;
	for (const w of windows) {
		const local = DateTime.fromMillis(at, { zone: w.tz }).startOf('day');
		const [h, m] = w.from.split(':').map(Number);
		for (let d = 0; d <= 7; d++) {
			const day = local.plus({ days: d });
			if (!w.days.includes(day.weekday)) continue;
			const start = day.set({ hour: h, minute: m }).toMillis();
			if (start > at && (best === null || start < best)) best = start;
		}
	}
	return best;
}
