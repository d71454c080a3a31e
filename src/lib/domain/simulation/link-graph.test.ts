import { describe, expect, it } from 'vitest';
import { haversine, type LonLat } from '../geo/geo.ts';
import { linkGraph } from './link-graph.ts';
import { shortestPath } from './street-graph.ts';

// two towns 30 km apart (Oxford and Reading, roughly), three hot spots each
const centres: LonLat[] = [
	[-1.258, 51.752], [-1.25, 51.755], [-1.262, 51.748],
	[-0.972, 51.455], [-0.97, 51.458], [-0.975, 51.452]
];

describe('a road graph where there is no street map', () => {
	const g = linkGraph(centres);

	it('has each hot spot centre and four corners 400 m out, every edge its true length', () => {
		expect(g.nodes).toHaveLength(centres.length * 5);
		expect(g.nodes.slice(0, centres.length)).toEqual(centres);
		for (const [a, list] of g.edges.entries()) for (const [b, d] of list) expect(d).toBeCloseTo(haversine(g.nodes[a], g.nodes[b]), 6);
		const corner = g.nodes[centres.length];
		expect(haversine(corner, centres[0])).toBeGreaterThan(500);
		expect(haversine(corner, centres[0])).toBeLessThan(600);
	});

	it('joins every hot spot to every other, across towns', () => {
		for (let i = 0; i < centres.length; i++) {
			for (let j = 0; j < centres.length; j++) expect(shortestPath(g, i, j, true), `${i} → ${j}`).not.toBeNull();
		}
		// the towns are joined by one leg, not through the corners
		const path = shortestPath(g, 0, 3, true)!;
		expect(path.length).toBeLessThanOrEqual(4);
	});
});
