import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { parseRetention, retentionCutoffs } from './retention.ts';

describe('parseRetention', () => {
	it('defaults: fixes 31 days, visits 730, crime kept, sessions 30, audit 7 years', () => {
		expect(parseRetention({})).toEqual({ fixesDays: 31, visitsDays: 730, crimeMonths: 0, sessionsDays: 30, auditYears: 7 });
		expect(parseRetention({ RETENTION_FIXES_DAYS: '' }).fixesDays).toBe(31);
	});

	it('reads each variable', () => {
		const p = parseRetention({ RETENTION_FIXES_DAYS: '14', RETENTION_VISITS_DAYS: '365', RETENTION_CRIME_MONTHS: '36', RETENTION_SESSIONS_DAYS: '7', RETENTION_AUDIT_YEARS: '10' });
		expect(p).toEqual({ fixesDays: 14, visitsDays: 365, crimeMonths: 36, sessionsDays: 7, auditYears: 10 });
	});

	it.each([
		['RETENTION_FIXES_DAYS', 'x'],
		['RETENTION_FIXES_DAYS', '0'],
		['RETENTION_FIXES_DAYS', '1.5'],
		['RETENTION_VISITS_DAYS', '-3'],
		['RETENTION_CRIME_MONTHS', '-1'],
		['RETENTION_SESSIONS_DAYS', '30d'],
		['RETENTION_AUDIT_YEARS', '0']
	])('%s=%s is refused with the variable and the value named', (name, value) => {
		let caught: unknown;
		try {
			parseRetention({ [name]: value });
		} catch (e) {
			caught = e;
		}
		expect(caught).toBeInstanceOf(ConfigError);
		expect((caught as Error).message).toMatch(new RegExp(`^${name}="${value.replace('.', '\\.')}": expected a whole number from \\d+ to \\d+$`));
	});
});

describe('retentionCutoffs', () => {
	const now = Date.UTC(2026, 10, 27, 12);

	it('counts days back from now, and crime months back to the start of a month', () => {
		const c = retentionCutoffs(parseRetention({ RETENTION_CRIME_MONTHS: '24' }), now);
		expect(new Date(c.fixes!).toISOString()).toBe('2026-10-27T12:00:00.000Z');
		expect(c.visits).toBe(c.taskings);
		expect(new Date(c['crime-records']!).toISOString()).toBe('2024-11-01T00:00:00.000Z');
	});

	it('keeps crime records when RETENTION_CRIME_MONTHS is 0', () => {
		const c = retentionCutoffs(parseRetention({}), now);
		expect(c['crime-records']).toBeNull();
		expect(c.persons).toBeNull();
	});

	it('crosses a year back correctly', () => {
		const jan = Date.UTC(2026, 0, 15);
		expect(new Date(retentionCutoffs(parseRetention({ RETENTION_CRIME_MONTHS: '1' }), jan)['crime-records']!).toISOString()).toBe('2025-12-01T00:00:00.000Z');
	});
});
