// Shifts in local wall-clock time (Europe/London by default, configurable), e.g. Early 07–15,
// Late 15–23, Night 23–07. A shift is its wall-clock start and end on the day it starts, so on the
// nights the clocks change the night shift lasts 7 or 9 hours, as officers actually work it.
import { DateTime } from 'luxon';

export interface ShiftPattern {
	tz: string;
	shifts: { name: string; from: string; to: string }[];
}

export const DEFAULT_SHIFTS: ShiftPattern = {
	tz: 'Europe/London',
	shifts: [
		{ name: 'Early', from: '07:00', to: '15:00' },
		{ name: 'Late', from: '15:00', to: '23:00' },
		{ name: 'Night', from: '23:00', to: '07:00' }
	]
};

export interface Shift {
	name: string;
	/** the local date the shift starts on */
	date: string;
	start: number;
	end: number;
	label: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "Early=07:00-15:00,Late=15:00-23:00,Night=23:00-07:00" (the SHIFTS variable). */
export function parseShifts(text: string, tz: string): ShiftPattern {
	const shifts = text.split(',').map((part, i) => {
		const m = /^\s*([^=]+)=(\d\d:\d\d)-(\d\d:\d\d)\s*$/.exec(part);
		if (!m || !HHMM.test(m[2]) || !HHMM.test(m[3])) throw new Error(`shift ${i + 1} "${part.trim()}": expected Name=HH:MM-HH:MM`);
		return { name: m[1].trim(), from: m[2], to: m[3] };
	});
	if (shifts.length === 0) throw new Error('no shifts given');
	return { tz, shifts };
}

function at(day: DateTime, hhmm: string): DateTime {
	const [h, m] = hhmm.split(':').map(Number);
	return day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

/** The shifts starting on a local date. */
export function shiftsOn(date: string, p: ShiftPattern = DEFAULT_SHIFTS): Shift[] {
	const day = DateTime.fromISO(date, { zone: p.tz }).startOf('day');
	return p.shifts.map((s) => {
		const start = at(day, s.from);
		let end = at(day, s.to);
		if (end <= start) end = at(day.plus({ days: 1 }), s.to);
		return { name: s.name, date, start: start.toMillis(), end: end.toMillis(), label: `${s.name} ${date} ${s.from}–${s.to}` };
	});
}

/** The shift that contains `t`. */
export function shiftAt(t: number, p: ShiftPattern = DEFAULT_SHIFTS): Shift | null {
	const local = DateTime.fromMillis(t, { zone: p.tz });
	for (const offset of [0, -1]) {
		const date = local.plus({ days: offset }).toISODate()!;
		const hit = shiftsOn(date, p).find((s) => t >= s.start && t < s.end);
		if (hit) return hit;
	}
	return null;
}

/** The most recent shift that has ended by `t` (the summary a commander reads in the morning). */
export function lastCompletedShift(t: number, p: ShiftPattern = DEFAULT_SHIFTS): Shift | null {
	const local = DateTime.fromMillis(t, { zone: p.tz });
	const all = [-2, -1, 0].flatMap((d) => shiftsOn(local.plus({ days: d }).toISODate()!, p));
	return all.filter((s) => s.end <= t).sort((a, b) => b.end - a.end)[0] ?? null;
}
