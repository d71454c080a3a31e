import { describe, expect, it } from 'vitest';
import { busiestPoints, placeholderWarning } from './placeholder.ts';

describe('placeholder places', () => {
	it('finds the busiest exact points', () => {
		expect(busiestPoints([1, 2, 1, 1, 2, 3], [5, 5, 5, 5, 5, 5], 6)).toEqual([
			{ lon: 1, lat: 5, n: 3 },
			{ lon: 2, lat: 5, n: 2 }
		]);
	});

	it('warns for one point far above the next or holding a large share, not for a busy centre', () => {
		expect(placeholderWarning([{ lon: -87.6, lat: 41.8, n: 300 }, { lon: 0, lat: 0, n: 40 }], 10_000)).toMatch(/300 records \(3\.0 % of 10,000\) sit at one exact point \(41\.8, -87\.6\), 7\.5× the next.*"exclude"/);
		expect(placeholderWarning([{ lon: 1, lat: 1, n: 700 }, { lon: 2, lat: 2, n: 600 }], 10_000)).toMatch(/7\.0 %/);
		// central Oxford: a shopping centre's point in a small extract
		expect(placeholderWarning([{ lon: -1.26, lat: 51.75, n: 24 }, { lon: -1.25, lat: 51.75, n: 19 }], 272)).toBeNull();
		// the Thames Valley's busiest point
		expect(placeholderWarning([{ lon: -0.77, lat: 52.04, n: 157 }, { lon: -0.74, lat: 51.4, n: 145 }], 61_645)).toBeNull();
		expect(placeholderWarning([{ lon: 1, lat: 1, n: 19 }], 19)).toBeNull();
		expect(placeholderWarning([{ lon: 1, lat: 1, n: 20 }], 20)).toMatch(/20 records \(100 % of 20\)/);
	});
});
