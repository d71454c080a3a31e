import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayNightWindows, liveWindowAt, nextWindowStart, occurrencesBetween } from './windows.ts';
import fc from 'fast-check';

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

describe('occurrences between two instants', () => {
	/** the slow, obvious answer: look every 5 minutes for a live window */
	function scan(windows: Parameters<typeof liveWindowAt>[0], from: number, to: number) {
		const found = new Map<number, number>();
		for (let t = from; t < to; t += 5 * 60_000) {
			const w = liveWindowAt(windows, t);
			if (w) found.set(w.start, w.end);
		}
		const last = liveWindowAt(windows, to - 1);
		if (last) found.set(last.start, last.end);
		return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([start, end]) => ({ start, end }));
	}

	// one window at a time: where windows overlap, liveWindowAt reports only the first
	it('finds each occurrence once, across both clock changes, as a five-minute scan does', () => {
		const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30)).map(([h, m]) => `${String(h).padStart(2, '0')}:${m === 0 ? '00' : '30'}`);
		const win = fc.record({ days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), from: hhmm, to: hhmm, tz: fc.constant('Europe/London') });
		const start = DateTime.fromISO('2026-03-26T00:00', { zone: 'Europe/London' }).toMillis();
		fc.assert(
			fc.property(win.map((w) => [w]), fc.integer({ min: 0, max: 220 * 24 }), fc.integer({ min: 1, max: 3 * 24 }), (windows, offsetH, lengthH) => {
				const ws = windows.filter((w) => w.from !== w.to);
				const from = start + offsetH * 3_600_000;
				const to = from + lengthH * 3_600_000;
				expect(occurrencesBetween(ws, from, to)).toEqual(scan(ws, from, to));
			}),
			{ numRuns: 60 }
		);
	}, 30_000);

	it('counts the night window that began the evening before', () => {
		const from = DateTime.fromISO('2026-11-26T00:00', { zone: 'Europe/London' }).toMillis();
		const got = occurrencesBetween(dayNightWindows('Europe/London'), from, from + 24 * 3_600_000);
		expect(got.map((o) => DateTime.fromMillis(o.start, { zone: 'Europe/London' }).toFormat('dd HH:mm'))).toEqual(['25 18:00', '26 06:00', '26 18:00']);
	});
});
