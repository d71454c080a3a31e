import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayNightWindows, liveWindowAt, nextWindowStart } from './windows.ts';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toMillis();

describe('windows', () => {
	const w = dayNightWindows('Europe/London');
	it('finds the day and the night window', () => {
		expect(liveWindowAt(w, at('2026-06-10T12:00'))!.window.from).toBe('06:00');
		expect(liveWindowAt(w, at('2026-06-10T23:00'))!.window.from).toBe('18:00');
		expect(liveWindowAt(w, at('2026-06-11T02:00'))!.window.from).toBe('18:00');
	});
	it('keeps wall-clock bounds across the clock changes', () => {
		// spring forward 2026-03-29 01:00 → 02:00: that night runs 18:00–06:00 but is 11 hours long
		const spring = liveWindowAt(w, at('2026-03-29T03:00'))!;
		expect((spring.end - spring.start) / 3600_000).toBe(11);
		// fall back 2026-10-25 02:00 → 01:00: 13 hours
		const autumn = liveWindowAt(w, at('2026-10-25T03:00'))!;
		expect((autumn.end - autumn.start) / 3600_000).toBe(13);
	});
	it('respects weekdays', () => {
		const fridays = [{ days: [5], from: '20:00', to: '03:00', tz: 'Europe/London' }];
		expect(liveWindowAt(fridays, at('2026-11-28T01:00'))).not.toBeNull(); // Saturday 01:00 belongs to Friday night
		expect(liveWindowAt(fridays, at('2026-11-29T01:00'))).toBeNull();
	});
});

describe('next window start', () => {
	it('finds the next opening, across days', () => {
		const fridays = [{ days: [5], from: '20:00', to: '03:00', tz: 'Europe/London' }];
		expect(nextWindowStart(fridays, at('2026-11-26T12:00'))).toBe(at('2026-11-27T20:00'));
		expect(nextWindowStart(fridays, at('2026-11-27T20:00'))).toBe(at('2026-12-04T20:00'));
		expect(nextWindowStart([], at('2026-11-27T20:00'))).toBeNull();
	});
});
