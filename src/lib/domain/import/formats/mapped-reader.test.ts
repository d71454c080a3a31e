import { describe, expect, it } from 'vitest';
import { mappedReader } from './mapped-reader.ts';
import { parseMapping } from './mapping.ts';

const read = (mapping: Record<string, unknown>, row: Record<string, string>, point?: [number, number]) =>
	mappedReader(parseMapping({ source: 's', categoryValue: 'Robbery', ...mapping }), 'Europe/London')((c) => row[c], 7, point);

describe('reading a row through a mapping', () => {
	const parts = { datetime: { parts: { year: 'Y', month: 'M', day: 'D', hour: 'H', minute: 'Mi' }, tz: 'Asia/Kolkata' }, lon: 'x', lat: 'y' };

	it('composes a date from parts in the zone, months by number or name; an empty hour keeps the month only', () => {
		expect(read(parts, { Y: '2024', M: '1', D: '31', H: '23', Mi: '45', x: '77.2', y: '28.6' })).toMatchObject({ kind: 'record', record: { occurredAt: Date.UTC(2024, 0, 31, 18, 15), month: '2024-01' } });
		expect(read(parts, { Y: '2024', M: 'February', D: '29', H: '', Mi: '', x: '77.2', y: '28.6' })).toMatchObject({ kind: 'record', record: { occurredAt: null, month: '2024-02' } });
		expect(read(parts, { Y: '2023', M: 'Feb', D: '29', H: '', Mi: '', x: '77.2', y: '28.6' })).toEqual({ kind: 'rejected', rejection: { row: 7, field: 'D', reason: '"29" is not a day of 2023-02' } });
		expect(read(parts, { Y: '2024', M: '13', D: '1', H: '1', Mi: '0', x: '77.2', y: '28.6' })).toEqual({ kind: 'rejected', rejection: { row: 7, field: 'M', reason: '"13" is not a month (1–12 or a name)' } });
		expect(read(parts, { Y: '2024', M: '1', D: '1', H: '24', Mi: '0', x: '77.2', y: '28.6' })).toEqual({ kind: 'rejected', rejection: { row: 7, field: 'H', reason: '"24" is not an hour (0–23)' } });
		expect(() => parseMapping({ source: 's', categoryValue: 'x', lon: 'a', lat: 'b', datetime: { parts: { year: 'Y', month: 'M' } } })).toThrow(/datetime\.parts\.day: required/);
	});

	it('counts NA, blank and 0,0 places as records without a location, reads decimal commas, rejects half a place', () => {
		const m = { month: 'm', lon: 'x', lat: 'y' };
		for (const [x, y] of [['NA', 'NA'], ['', ''], ['NULL', 'n/a'], ['0', '0']]) expect(read(m, { m: '2024-01', x, y })).toEqual({ kind: 'no-location', row: 7 });
		expect(read(m, { m: '2024-01', x: '-1,25', y: '51,75' })).toMatchObject({ kind: 'record', record: { lon: -1.25, lat: 51.75 } });
		expect(read(m, { m: '2024-01', x: '-1.25', y: 'NA' })).toEqual({ kind: 'rejected', rejection: { row: 7, field: 'y', reason: '"NA" is not a latitude' } });
	});

	it('reads GeoJSON points in the projected system the mapping names', () => {
		const r = read({ month: 'm', crs: 'EPSG:27700' }, { m: '2024-01' }, [451338.3, 206183.5]);
		expect(r).toMatchObject({ kind: 'record', record: { lon: expect.closeTo(-1.2577, 4), lat: expect.closeTo(51.752, 4) } });
		expect(read({ month: 'm', crs: 'EPSG:27700' }, { m: '2024-01' }, [-1.25, 51.75])).toMatchObject({ kind: 'rejected', rejection: { field: 'geometry.coordinates' } });
	});
});
