import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import { describe, expect, it } from 'vitest';
import { distanceToBoundary, type LonLat } from '../geo/geo.ts';
import { seededRandom } from '../random.ts';
import { HotspotIndex } from './hotspot-index.ts';
import { lonLat, square } from './test-tracks.ts';
import type { Hotspot } from './types.ts';

/** An irregular polygon of n corners around (x, y), radius r ± 40 %. */
function blob(id: string, x: number, y: number, r: number, n: number, random: () => number): Hotspot {
	const ring: LonLat[] = [];
	for (let i = 0; i < n; i++) {
		const a = (2 * Math.PI * i) / n;
		const rr = r * (0.6 + 0.8 * random());
		ring.push(lonLat(x + rr * Math.cos(a), y + rr * Math.sin(a)));
	}
	return { id, polygon: [[...ring, ring[0]]] };
}

describe('HotspotIndex', () => {
	it('finds exactly the hot spots a brute-force test over all of them finds', () => {
		const random = seededRandom(11);
		const spots = Array.from({ length: 300 }, (_, i) => blob(`h${i}`, random() * 3000, random() * 3000, 40 + random() * 80, 5 + Math.floor(random() * 6), random));
		const index = new HotspotIndex(spots);
		let hits = 0;
		for (let k = 0; k < 5000; k++) {
			const [lon, lat] = lonLat(random() * 3000, random() * 3000);
			const accuracy = random() * 60;
			const expected = spots
				.map((h, i) => [h, i] as const)
				.filter(([h]) => booleanPointInPolygon([lon, lat], turfPolygon(h.polygon)) || distanceToBoundary(lon, lat, h.polygon) <= Math.min(accuracy, 25))
				.map(([, i]) => i);
			const got = index.inside(lon, lat, accuracy).sort((a, b) => a - b);
			expect(got).toEqual(expected);
			hits += got.length;
		}
		expect(hits).toBeGreaterThan(500); // the test exercises inside points, not only misses
	});

	it('grows holes inward too: a fix in a hole is outside unless within the margin of its edge', () => {
		const outer = square('o', 0, 0, 150).polygon[0];
		const hole = [lonLat(50, 50), lonLat(50, 100), lonLat(100, 100), lonLat(100, 50), lonLat(50, 50)];
		const index = new HotspotIndex([{ id: 'ring', polygon: [outer, hole] }]);
		expect(index.inside(...lonLat(75, 75), 10)).toEqual([]);
		expect(index.inside(...lonLat(58, 75), 10)).toEqual([0]);
		expect(index.inside(...lonLat(25, 75), 0)).toEqual([0]);
	});

	it('accepts rings that are not closed, and an empty set', () => {
		const open = square('s').polygon[0].slice(0, 4);
		const index = new HotspotIndex([{ id: 's', polygon: [open] }]);
		// 4 m west of the closing edge (x = 0), which an unclosed ring would leave out
		expect(index.inside(...lonLat(-4, 75), 5)).toEqual([0]);
		expect(new HotspotIndex([]).inside(...lonLat(0, 0), 5)).toEqual([]);
	});
});
