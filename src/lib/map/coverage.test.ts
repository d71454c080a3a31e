import { describe, expect, it } from 'vitest';
import type { Coverage } from './basemap-style.ts';
import { coverageNotice, readCoverage } from './coverage.ts';

const oxford: Coverage = { bounds: [-1.2726, 51.749, -1.2476, 51.7682], minzoom: 0, kind: 'bundled' };
const force: Coverage = { bounds: [-1.6, 51.3, -0.5, 52.2], minzoom: 12, kind: 'tiles' };

describe('coverageNotice', () => {
	it('is quiet inside the detailed map', () => {
		expect(coverageNotice(oxford, { center: [-1.2578, 51.7519], zoom: 15 })).toBeNull();
		expect(coverageNotice(force, { center: [-0.97, 51.45], zoom: 14 })).toBeNull();
	});

	it('asks for BASEMAP_TILES outside the bundled Oxford map', () => {
		expect(coverageNotice(oxford, { center: [-0.97, 51.45], zoom: 15 })).toMatch(/No detailed base map here.*BASEMAP_TILES/);
	});

	it("says when the view is outside the force's tiles, or zoomed out past where they start", () => {
		expect(coverageNotice(force, { center: [-2.5, 53.4], zoom: 14 })).toMatch(/outside the force's base map/);
		expect(coverageNotice(force, { center: [-0.97, 51.45], zoom: 9 })).toMatch(/starts at zoom 12/);
	});
});

describe('readCoverage', () => {
	it('takes what a served style carries and ignores anything else (a BASEMAP_STYLE of a force)', () => {
		expect(readCoverage(force)).toEqual(force);
		expect(readCoverage(undefined)).toBeNull();
		expect(readCoverage({ bounds: [0, 0, 1], minzoom: 0, kind: 'tiles' })).toBeNull();
		expect(readCoverage({ bounds: [0, 0, 1, 1], minzoom: 0, kind: 'other' })).toBeNull();
	});
});
