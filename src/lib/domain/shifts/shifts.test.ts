import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHIFTS, lastCompletedShift, parseShifts, shiftAt, shiftsOn } from './shifts.ts';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toMillis();
const hours = (s: { start: number; end: number }) => (s.end - s.start) / 3600_000;

describe('shifts', () => {
	it('runs 07–15, 15–23 and 23–07 on an ordinary day', () => {
		expect(shiftsOn('2026-11-26').map(hours)).toEqual([8, 8, 8]);
		expect(shiftAt(at('2026-11-27T03:00'))).toMatchObject({ name: 'Night', date: '2026-11-26' });
		expect(shiftAt(at('2026-11-27T07:00'))).toMatchObject({ name: 'Early', date: '2026-11-27' });
	});
	it('makes the night shift 7 hours when the clocks go forward', () => {
		// 29 March 2026: 01:00 GMT becomes 02:00 BST
		const night = shiftsOn('2026-03-28').find((s) => s.name === 'Night')!;
		expect(hours(night)).toBe(7);
		expect(night.end).toBe(at('2026-03-29T07:00'));
		expect(shiftAt(at('2026-03-29T03:30'))?.name).toBe('Night');
	});
	it('makes the night shift 9 hours when the clocks go back', () => {
		// 25 October 2026: 02:00 BST becomes 01:00 GMT
		const night = shiftsOn('2026-10-24').find((s) => s.name === 'Night')!;
		expect(hours(night)).toBe(9);
		expect(shiftsOn('2026-10-25').map(hours)).toEqual([8, 8, 8]);
	});
	it('reads a pattern and finds the last completed shift', () => {
		const p = parseShifts('Day=06:00-18:00, Night=18:00-06:00', 'Europe/London');
		expect(p.shifts).toEqual([{ name: 'Day', from: '06:00', to: '18:00' }, { name: 'Night', from: '18:00', to: '06:00' }]);
		expect(() => parseShifts('Day=6-18', 'Europe/London')).toThrow(/shift 1/);
		expect(lastCompletedShift(at('2026-11-27T08:00'), DEFAULT_SHIFTS)).toMatchObject({ name: 'Night', date: '2026-11-26' });
	});
});
