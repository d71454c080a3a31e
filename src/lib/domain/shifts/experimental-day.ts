// The experimental day (docs/evaluation.md, Place-days): 06:00–05:59 Europe/London by default, as
// Thames Valley's trial used; daily caps ("dosed today"), recognition and trial assignments count
// by it. DST-correct.
import { DateTime } from 'luxon';

export interface DayBoundary {
	tz: string;
	/** hour the day starts, local */
	startHour: number;
}

export const EXPERIMENTAL_DAY: DayBoundary = { tz: 'Europe/London', startHour: 6 };

/** The experimental day containing `t`: its label (the date it starts on) and bounds. */
export function experimentalDay(t: number, b: DayBoundary = EXPERIMENTAL_DAY): { label: string; start: number; end: number } {
	let d = DateTime.fromMillis(t, { zone: b.tz });
	if (d.hour < b.startHour) d = d.minus({ days: 1 });
	const start = d.set({ hour: b.startHour, minute: 0, second: 0, millisecond: 0 });
	const end = start.plus({ days: 1 });
	return { label: start.toISODate()!, start: start.toMillis(), end: end.toMillis() };
}

/** The experimental week (Monday's experimental day onwards) containing `t`. */
export function experimentalWeek(t: number, b: DayBoundary = EXPERIMENTAL_DAY): { label: string; start: number; end: number } {
	const day = DateTime.fromMillis(experimentalDay(t, b).start, { zone: b.tz });
	const start = day.minus({ days: day.weekday - 1 });
	return { label: start.toISODate()!, start: start.toMillis(), end: start.plus({ weeks: 1 }).toMillis() };
}
