import { describe, expect, it } from 'vitest';
import { bearing, compassPoint, distanceToBoundary, haversine, localProjection, pointInPolygon, project, unproject, type PolygonCoords } from './geo.ts';

// Carfax tower and Oxford station: about 830 m apart, the station to the west
const CARFAX: [number, number] = [-1.25823, 51.75193];
const STATION: [number, number] = [-1.27014, 51.75346];

describe('geo', () => {
	it('measures distance and bearing', () => {
		expect(haversine(CARFAX, STATION)).toBeGreaterThan(800);
		expect(haversine(CARFAX, STATION)).toBeLessThan(850);
		expect(compassPoint(bearing(CARFAX, STATION))).toBe('W');
		expect(bearing([0, 0], [0, 1])).toBeCloseTo(0, 5);
		expect(bearing([0, 0], [1, 0])).toBeCloseTo(90, 5);
	});

	it('projects to metres and back', () => {
		const p = localProjection(51.75, -1.26);
		const [x, y] = project(p, CARFAX[0], CARFAX[1]);
		const back = unproject(p, x, y);
		expect(back[0]).toBeCloseTo(CARFAX[0], 9);
		expect(back[1]).toBeCloseTo(CARFAX[1], 9);
		const [sx, sy] = project(p, STATION[0], STATION[1]);
		expect(Math.hypot(sx - x, sy - y)).toBeCloseTo(haversine(CARFAX, STATION), -1);
	});

	it('tests points against polygons with holes', () => {
		const square: PolygonCoords = [
			[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
			[[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6], [0.4, 0.4]]
		];
		expect(pointInPolygon(0.2, 0.2, square)).toBe(true);
		expect(pointInPolygon(0.5, 0.5, square)).toBe(false);
		expect(pointInPolygon(1.5, 0.5, square)).toBe(false);
	});

	it('measures distance to a polygon edge in metres', () => {
		const d = 0.001; // ~111 m of latitude
		const poly: PolygonCoords = [[[0, 0], [d, 0], [d, d], [0, d], [0, 0]]];
		expect(distanceToBoundary(d / 2, -d / 2, poly)).toBeCloseTo(55.6, 0);
	});
});
