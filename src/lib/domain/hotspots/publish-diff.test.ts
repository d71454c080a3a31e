import { describe, expect, it } from 'vitest';
import type { PolygonCoords } from '../geo/geo.ts';
import { publishDiff, type Place } from './publish-diff.ts';

const square = (lon: number, lat: number, d = 0.001): PolygonCoords => [
	[
		[lon, lat],
		[lon + d, lat],
		[lon + d, lat + d],
		[lon, lat + d],
		[lon, lat]
	]
];
const place = (key: string, lon: number, lat: number, d = 0.001): Place => ({ key, name: key, polygon: square(lon, lat, d), centroid: [lon + d / 2, lat + d / 2] });

describe('what publishing changes', () => {
	it('matches by key, then by one centre lying in the other, and lists the rest as added or removed', () => {
		const live = [place('a', 0, 0), place('b', 0.01, 0), place('c', 0.02, 0)];
		const next = [place('a', 0, 0), place('x', 0.0102, 0.0002, 0.0015), place('y', 0.05, 0)];
		const d = publishDiff(live, next);
		expect(d.kept.map((k) => [k.next.key, k.live.key])).toEqual([
			['a', 'a'],
			['x', 'b']
		]);
		expect(d.added.map((h) => h.key)).toEqual(['y']);
		expect(d.removed.map((h) => h.key)).toEqual(['c']);
	});

	it('matches each live hot spot once', () => {
		const live = [place('a', 0, 0, 0.004)];
		const d = publishDiff(live, [place('p', 0.001, 0.001), place('q', 0.002, 0.002)]);
		expect(d.kept).toHaveLength(1);
		expect(d.added.map((h) => h.key)).toEqual(['q']);
		expect(d.removed).toEqual([]);
	});

	it('with nothing live, everything is added', () => {
		const d = publishDiff([], [place('a', 0, 0)]);
		expect([d.added.length, d.removed.length, d.kept.length]).toEqual([1, 0, 0]);
	});
});
