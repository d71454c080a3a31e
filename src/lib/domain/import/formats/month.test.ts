// The month a timed record falls in, in its zone: exact at every month boundary, also in zones
// whose offset is not a whole hour (India +5:30, Nepal +5:45, Newfoundland −3:30 with DST, Lord
// Howe's half-hour DST, Chatham +12:45/+13:45), whatever order the records come in.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { mappedReader } from './mapped-reader.ts';
import { parseMapping } from './mapping.ts';

const ZONES = ['Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Australia/Adelaide', 'Asia/Tehran', 'Europe/London', 'America/Chicago'];
const mapping = parseMapping({ source: 's', datetime: { column: 't', format: 'iso' }, lon: 'x', lat: 'y', categoryValue: 'Robbery' });

const monthOf = (read: ReturnType<typeof mappedReader>, t: number) => {
	const row: Record<string, string> = { t: new Date(t).toISOString(), x: '0.1', y: '51' };
	const r = read((c) => row[c], 2);
	if (r.kind !== 'record') throw new Error(JSON.stringify(r));
	return r.record.month;
};

describe('the local month of a timed record', () => {
	it('puts 23:45 on 31 January in Kolkata in January after a record at 00:15 on 1 February', () => {
		const read = mappedReader(mapping, 'Asia/Kolkata');
		// both instants are in the same UTC hour (18:00–19:00)
		expect(monthOf(read, Date.UTC(2024, 0, 31, 18, 45))).toBe('2024-02');
		expect(monthOf(read, Date.UTC(2024, 0, 31, 18, 15))).toBe('2024-01');
	});

	it('agrees with Luxon near month boundaries in zones with :30 and :45 offsets and DST', () => {
		const boundary = fc.record({ year: fc.integer({ min: 1995, max: 2035 }), month: fc.integer({ min: 1, max: 12 }), zone: fc.constantFrom(...ZONES) });
		fc.assert(
			fc.property(boundary, fc.array(fc.integer({ min: -180, max: 180 }), { minLength: 1, maxLength: 12 }), ({ year, month, zone }, minutes) => {
				const read = mappedReader(mapping, zone);
				const start = DateTime.fromObject({ year, month, day: 1 }, { zone }).toMillis();
				for (const m of minutes) {
					const t = start + m * 60_000;
					expect(monthOf(read, t)).toBe(DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM'));
				}
			}),
			{ numRuns: 400 }
		);
	});
});
