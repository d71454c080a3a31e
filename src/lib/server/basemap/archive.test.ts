import { describe, expect, it } from 'vitest';
import { detectFormat, inCoverage, layerIds, parseBounds, tileBounds } from './archive.ts';

describe('tileBounds', () => {
	it('gives the world at zoom 0 and Oxford for the z16 tile that holds Carfax', () => {
		const [w, s, e, n] = tileBounds(0, 0, 0);
		expect([w, e]).toEqual([-180, 180]);
		expect(s).toBeCloseTo(-85.0511, 3);
		expect(n).toBeCloseTo(85.0511, 3);
		// Carfax, -1.2578 51.7519, lies in tile 16/32539/21720
		const t = tileBounds(16, 32539, 21720);
		expect(t[0]).toBeLessThan(-1.2578);
		expect(t[2]).toBeGreaterThan(-1.2578);
		expect(t[1]).toBeLessThan(51.7519);
		expect(t[3]).toBeGreaterThan(51.7519);
	});
});

describe('inCoverage', () => {
	const info = { bounds: [-1.2726, 51.749, -1.2476, 51.7682] as [number, number, number, number], minzoom: 12, maxzoom: 16 };
	it('is the zooms of the file and tiles that overlap its bounds', () => {
		expect(inCoverage(info, 16, 32539, 21720)).toBe(true);
		expect(inCoverage(info, 11, 1016, 678)).toBe(false);
		expect(inCoverage(info, 17, 65077, 43442)).toBe(false);
		// Reading, 40 km away, at the same zoom
		expect(inCoverage(info, 16, 32591, 21809)).toBe(false);
	});
});

describe('parseBounds and layerIds', () => {
	it('read MBTiles and TileJSON forms, and fall back to the world', () => {
		expect(parseBounds('-1.5,51.5,-1.0,52.0')).toEqual([-1.5, 51.5, -1, 52]);
		expect(parseBounds([-1.5, 51.5, -1, 52])).toEqual([-1.5, 51.5, -1, 52]);
		expect(parseBounds('nonsense')[0]).toBe(-180);
		expect(parseBounds('1,1,0,0')[0]).toBe(-180);
		expect(layerIds({ vector_layers: [{ id: 'roads' }, { id: 3 }, {}] })).toEqual(['roads']);
		expect(layerIds(null)).toEqual([]);
	});
});

describe('detectFormat', () => {
	it('knows SQLite and PMTiles v3 by their first bytes, whatever the name', () => {
		expect(detectFormat(Buffer.from('SQLite format 3\0'))).toBe('mbtiles');
		expect(detectFormat(Buffer.from([...Buffer.from('PMTiles'), 3, 0, 0]))).toBe('pmtiles');
		expect(detectFormat(Buffer.from([...Buffer.from('PMTiles'), 2, 0, 0]))).toBeNull();
		expect(detectFormat(Buffer.from('{"type":"FeatureCollection"'))).toBeNull();
	});
});
