import { describe, expect, it } from 'vitest';
import { haversine, type PolygonCoords } from './geo.ts';
import { wayIn } from './way-in.ts';

// a 100 m square-ish cell in central Oxford
const W = -1.258, E = -1.2566, S = 51.7515, N = 51.7524;
const square: PolygonCoords = [[[W, S], [E, S], [E, N], [W, N], [W, S]]];

describe('wayIn', () => {
	it('leads to the nearest edge, perpendicular to it', () => {
		const from: [number, number] = [(W + E) / 2, S - 0.001];
		const w = wayIn(from, square);
		expect(w.to![0]).toBeCloseTo((W + E) / 2, 6);
		expect(w.to![1]).toBeCloseTo(S, 6);
		expect(w.metres).toBeCloseTo(haversine(from, [(W + E) / 2, S]), -1);
		expect(w.metres).toBeGreaterThan(100);
		expect(w.metres).toBeLessThan(120);
	});

	it('leads to a corner when the officer is beyond it', () => {
		const w = wayIn([E + 0.001, N + 0.001], square);
		expect(w.to![0]).toBeCloseTo(E, 6);
		expect(w.to![1]).toBeCloseTo(N, 6);
	});

	it('has no way in for an officer already inside', () => {
		expect(wayIn([(W + E) / 2, (S + N) / 2], square)).toEqual({ to: null, metres: 0 });
	});
});
