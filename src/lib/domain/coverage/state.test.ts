import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayNightWindows } from '../hotspots/windows.ts';
import { coverage } from './state.ts';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toMillis();
const H = 3600_000;
const windows = [{ days: [5, 6], from: '20:00', to: '04:00', tz: 'Europe/London' }];

describe('coverage state', () => {
	it('is not live outside its windows', () => {
		expect(coverage({ windows, targetMs: 4 * H, lastDoseAt: null, present: 0 }, at('2026-11-27T12:00')).state).toBe('not-live');
	});
	it('needs a dose from the window start, and opens a gap after the target interval', () => {
		const input = { windows, targetMs: 4 * H, lastDoseAt: null, present: 0 };
		const early = coverage(input, at('2026-11-27T21:00'));
		expect(early).toMatchObject({ state: 'needs-dose', need: 1, windowStart: at('2026-11-27T20:00'), dueAt: at('2026-11-28T00:00') });
		expect(coverage(input, at('2026-11-28T00:30'))).toMatchObject({ state: 'gap', need: 2 });
	});
	it('counts the interval from the last dose when it is later than the window start', () => {
		const input = { windows, targetMs: 4 * H, lastDoseAt: at('2026-11-27T22:00'), present: 0 };
		expect(coverage(input, at('2026-11-27T23:00'))).toMatchObject({ state: 'dosed', need: 0, dueAt: at('2026-11-28T02:00') });
		expect(coverage(input, at('2026-11-28T02:01')).state).toBe('gap');
	});
	it('ignores a dose from an earlier window', () => {
		const input = { windows, targetMs: 4 * H, lastDoseAt: at('2026-11-21T23:00'), present: 0 };
		expect(coverage(input, at('2026-11-27T21:00')).state).toBe('needs-dose');
	});
	it('shows an officer present above everything else', () => {
		expect(coverage({ windows: dayNightWindows('Europe/London'), targetMs: 1000, lastDoseAt: null, present: 2 }, at('2026-11-27T12:00')).state).toBe('present');
	});
});
