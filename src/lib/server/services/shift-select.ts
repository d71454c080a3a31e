import { DateTime } from 'luxon';
import { lastCompletedShift, shiftAt, shiftsOn, type Shift } from '../../domain/shifts/shifts.ts';
import type { Config } from '../config.ts';

/** The shift a page or export asks for (?date=YYYY-MM-DD&shift=Name), else the last completed one. */
export function selectShift(ctx: { config: Pick<Config, 'shifts'>; now: () => number }, params: URLSearchParams): Shift | { error: string } {
	const date = params.get('date');
	const name = params.get('shift');
	if (date || name) {
		if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date).isValid) return { error: 'date: a day like 2026-11-26' };
		const s = shiftsOn(date, ctx.config.shifts).find((x) => x.name === name);
		if (!s) return { error: `shift: one of ${ctx.config.shifts.shifts.map((x) => x.name).join(', ')}` };
		return s;
	}
	return lastCompletedShift(ctx.now(), ctx.config.shifts) ?? shiftAt(ctx.now(), ctx.config.shifts)!;
}
