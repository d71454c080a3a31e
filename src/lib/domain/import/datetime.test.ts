import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DateParser } from './datetime.ts';

const luxon = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('DateParser', () => {
	it('reads local times in their zone, across clock changes', () => {
		const p = new DateParser('yyyy-MM-dd HH:mm', 'Europe/London');
		expect(p.parse('2024-01-15 22:30')).toBe(Date.UTC(2024, 0, 15, 22, 30));
		expect(p.parse('2024-07-15 22:30')).toBe(Date.UTC(2024, 6, 15, 21, 30));
		expect(p.parse('2024-03-31 03:00')).toBe(luxon('2024-03-31T03:00', 'Europe/London'));
		expect(p.parse('2024-07-15T22:30:00Z')).toBe(Date.UTC(2024, 6, 15, 22, 30));
		expect(p.parse('2024-07-15T22:30:00+02:00')).toBe(Date.UTC(2024, 6, 15, 20, 30));
		expect(p.parse('2024-02-30 10:00')).toBeNull();
		expect(p.parse('yesterday')).toBeNull();
	});
	it('reads UK and US layouts', () => {
		expect(new DateParser('dd/MM/yyyy HH:mm', 'Europe/London').parse('03/02/2024 01:05')).toBe(Date.UTC(2024, 1, 3, 1, 5));
		const us = new DateParser('MM/dd/yyyy hh:mm:ss a', 'America/Chicago');
		expect(us.parse('07/04/2019 11:15:00 PM')).toBe(luxon('2019-07-04T23:15:00', 'America/Chicago'));
		expect(us.parse('07/04/2019 12:15:00 AM')).toBe(luxon('2019-07-04T00:15:00', 'America/Chicago'));
	});
	it('falls back to Luxon formats and refuses unknown zones', () => {
		expect(new DateParser('d LLL yyyy HH:mm', 'Europe/London').parse('5 Jan 2024 14:00')).toBe(Date.UTC(2024, 0, 5, 14));
		expect(() => new DateParser('iso', 'Mars/Olympus')).toThrow(/unknown time zone/);
	});
});
