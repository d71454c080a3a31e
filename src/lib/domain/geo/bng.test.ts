import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { haversine } from './geo.ts';
import { bngToLonLat, lonLatToBng } from './bng.ts';

describe('British National Grid', () => {
	it('reproduces the Ordnance Survey worked example of the projection', () => {
		// "A guide to coordinate systems in Great Britain", annex C: E 651409.903, N 313177.270
		// is OSGB36 52°39′27.2531″N, 1°43′4.5177″E (projection only, no datum change)
		const osgb36 = proj4('+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +units=m +no_defs', '+proj=longlat +ellps=airy +no_defs');
		const [lon, lat] = osgb36.forward([651409.903, 313177.27]);
		expect(lat).toBeCloseTo(52 + 39 / 60 + 27.2531 / 3600, 7);
		expect(lon).toBeCloseTo(1 + 43 / 60 + 4.5177 / 3600, 7);
	});

	it('shifts OSGB36 to WGS84 by the expected ~100 m and round-trips', () => {
		const wgs = bngToLonLat(651409.903, 313177.27)!;
		const osgbLonLat: [number, number] = [1 + 43 / 60 + 4.5177 / 3600, 52 + 39 / 60 + 27.2531 / 3600];
		const shift = haversine(wgs, osgbLonLat);
		expect(shift).toBeGreaterThan(60);
		expect(shift).toBeLessThan(140);
		const [e, n] = lonLatToBng(wgs[0], wgs[1]);
		expect(e).toBeCloseTo(651409.903, 2);
		expect(n).toBeCloseTo(313177.27, 2);
	});

	it('puts Carfax, Oxford where the map has it', () => {
		// Carfax Tower is at grid reference SP 5128 0618 (E 451280, N 206180); WGS84 51.75193, -1.25823
		const p = bngToLonLat(451280, 206180)!;
		expect(haversine(p, [-1.25823, 51.75193])).toBeLessThan(40);
	});

	it('refuses coordinates off the grid', () => {
		expect(bngToLonLat(-5, 100)).toBeNull();
		expect(bngToLonLat(800_000, 100)).toBeNull();
	});
});
