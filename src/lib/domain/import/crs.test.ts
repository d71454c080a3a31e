import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { CRS_DEFINITIONS } from './crs-definitions.ts';
import { findCrs } from './crs.ts';

const project = (code: number, lon: number, lat: number) => proj4('WGS84', CRS_DEFINITIONS.find((d) => d.code === code)!.proj4).forward([lon, lat]);

describe('coordinate systems', () => {
	it('reads the State Plane grids US cities publish in, in feet and metres, back to the same place', () => {
		// Chicago City Hall in Illinois East ftUS: the portal's X/Y are about 1,175,000 / 1,901,000 feet
		const [x, y] = project(3435, -87.6319, 41.8838);
		expect(x).toBeGreaterThan(1_170_000);
		expect(x).toBeLessThan(1_180_000);
		expect(y).toBeGreaterThan(1_895_000);
		expect(y).toBeLessThan(1_905_000);
		for (const [code, lon, lat] of [[3435, -87.6319, 41.8838], [2263, -73.9857, 40.7484], [2274, -90.049, 35.1495], [32123, -84.512, 39.1031], [26971, -87.6319, 41.8838], [27700, -1.2577, 51.752], [2157, -6.26, 53.35], [32630, -3.7, 40.4], [3857, -0.1, 51.5]]) {
			const [px, py] = project(code, lon, lat);
			const back = findCrs(`EPSG:${code}`)!.toLonLat(px, py);
			expect(back, `EPSG:${code}`).toEqual([expect.closeTo(lon, 6), expect.closeTo(lat, 6)]);
		}
	});

	it('refuses points outside a system\'s area of use or its grid, saying where they would be', () => {
		const bng = findCrs('27700')!;
		// Chicago's State Plane feet are far off the British grid
		expect(bng.toLonLat(1_175_844, 1_898_955)).toMatch(/^outside the area of EPSG:27700 \(OSGB36 \/ British National Grid\) \(its grid runs 0–700000 by 0–1300000\)$/);
		// Memphis feet read as Illinois metres land in Ohio
		expect(findCrs('EPSG:26971')!.toLonLat(790_306, 320_644)).toMatch(/^outside the area of EPSG:26971 \(NAD83 \/ Illinois East\) \(it would be at 39\.\d+, -82\.\d+\)$/);
		expect(bng.toLonLat(NaN, 1)).toBe('not a pair of numbers');
	});

	it('knows codes by "EPSG:n" or n, and no others', () => {
		expect(findCrs('epsg:2263')?.name).toBe('NAD83 / New York Long Island (ftUS)');
		expect(findCrs('32618')?.name).toBe('WGS 84 / UTM zone 18N');
		expect(findCrs('EPSG:4326')?.geographic).toBe(true);
		expect(findCrs('EPSG:1')).toBeNull();
		expect(findCrs('+proj=longlat')).toBeNull();
	});
});
