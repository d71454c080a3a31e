import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { experimentalDay, experimentalWeek } from './experimental-day.ts';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toMillis();

describe('experimental day', () => {
	it('runs 06:00 to 05:59 and belongs to the date it starts on', () => {
		expect(experimentalDay(at('2026-11-27T05:59'))).toMatchObject({ label: '2026-11-26', start: at('2026-11-26T06:00'), end: at('2026-11-27T06:00') });
		expect(experimentalDay(at('2026-11-27T06:00')).label).toBe('2026-11-27');
	});
	it('is 23 or 25 hours long on clock-change nights', () => {
		const spring = experimentalDay(at('2026-03-28T12:00'));
		expect((spring.end - spring.start) / 3600_000).toBe(23);
		const autumn = experimentalDay(at('2026-10-24T12:00'));
		expect((autumn.end - autumn.start) / 3600_000).toBe(25);
	});
	it('groups days into weeks from Monday 06:00', () => {
		const w = experimentalWeek(at('2026-11-29T23:00')); // a Sunday
		expect(w.label).toBe('2026-11-23');
		expect(experimentalWeek(at('2026-11-30T05:00')).label).toBe('2026-11-23'); // Monday before 06:00
		expect(experimentalWeek(at('2026-11-30T06:00')).label).toBe('2026-11-30');
	});
});
