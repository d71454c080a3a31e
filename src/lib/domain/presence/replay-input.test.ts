import { describe, expect, it } from 'vitest';
import { parseFixesCsv, parseHotspots } from './replay-input.ts';
import { square } from './test-tracks.ts';

describe('parseFixesCsv', () => {
	it('reads epoch and ISO times, an empty speed, quotes, CRLF and any column order', () => {
		const csv = 'lat,lon,officer,t,accuracy,speed\r\n51.75,-1.25,"PC, 101",1795723200000,8,1.2\r\n51.75,-1.25,PC 102,2026-11-26T21:00:05+01:00,12,\r\n\r\n';
		const r = parseFixesCsv(csv, 'f.csv');
		expect(r.ok && r.value.map((f) => [f.officer, f.t, f.speed, f.accuracy])).toEqual([
			['PC, 101', 1795723200000, 1.2, 8],
			['PC 102', 1795723205000, null, 12]
		]);
	});

	it.each([
		['officer,t,lat,lon,accuracy\n', 'row 1 (header): missing speed'],
		['officer,t,lat,lon,accuracy,speed\nA,yesterday,51,-1,5,\n', 'row 2, t:'],
		['officer,t,lat,lon,accuracy,speed\nA,2026-11-26T20:00:00,51,-1,5,\n', 'row 2, t:'],
		['officer,t,lat,lon,accuracy,speed\nA,1,51,-1,5,\nA,2,91,-1,5,\n', 'row 3, lat:'],
		['officer,t,lat,lon,accuracy,speed\nA,1,51,,5,\n', 'row 2, lon:'],
		['officer,t,lat,lon,accuracy,speed\nA,1,51,-1,-3,\n', 'row 2, accuracy:'],
		['officer,t,lat,lon,accuracy,speed\nA,1,51,-1,5,fast\n', 'row 2, speed:'],
		['officer,t,lat,lon,accuracy,speed\n,1,51,-1,5,\n', 'row 2, officer:']
	])('refuses %j naming the file, row and field', (csv, where) => {
		const r = parseFixesCsv(csv, 'f.csv');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toContain(`f.csv: ${where}`);
	});
});

describe('parseHotspots', () => {
	const feature = (id: unknown, geometry: unknown = { type: 'Polygon', coordinates: square('x').polygon }) => ({ type: 'Feature', properties: { id }, geometry });
	it('reads Polygon features and their ids', () => {
		const r = parseHotspots({ type: 'FeatureCollection', features: [feature('a'), feature('b')] }, 'h.json');
		expect(r.ok && r.value.map((h) => h.id)).toEqual(['a', 'b']);
	});
	it.each([
		[{ type: 'Feature' }, 'h.json: must be a GeoJSON FeatureCollection'],
		[{ type: 'FeatureCollection', features: [feature(7)] }, 'feature 1, properties.id'],
		[{ type: 'FeatureCollection', features: [feature('a'), feature('a')] }, 'feature 2, properties.id: "a" is used'],
		[{ type: 'FeatureCollection', features: [feature('a', { type: 'MultiPolygon', coordinates: [] })] }, 'feature 1 ("a"), geometry: must be a Polygon'],
		[{ type: 'FeatureCollection', features: [feature('a', { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] })] }, 'geometry.coordinates']
	])('refuses %j', (json, message) => {
		const r = parseHotspots(json, 'h.json');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toContain(message);
	});
});
