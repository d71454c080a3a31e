import { describe, expect, it } from 'vitest';
import { formatMetres, nearestFree } from './nearest.ts';

const at = (officer: number, callsign: string, north: number) => ({ officer, callsign, lon: -1.2579, lat: 51.7519 + north / 111_195 });

describe('nearestFree', () => {
	const to: [number, number] = [-1.2579, 51.7519];
	it('ranks officers by distance and leaves out those busy in a hot spot', () => {
		const officers = [at(1, 'TV-101', 900), at(2, 'TV-102', 150), at(3, 'TV-103', 40), at(4, 'TV-104', 400)];
		const r = nearestFree(officers, new Set([3]), to, 2);
		expect(r.map((o) => o.callsign)).toEqual(['TV-102', 'TV-104']);
		expect(r[0].metres).toBeGreaterThanOrEqual(149);
		expect(r[0].metres).toBeLessThanOrEqual(151);
	});
	it('is empty when nobody is free', () => {
		expect(nearestFree([at(1, 'TV-101', 10)], new Set([1]), to)).toEqual([]);
	});
	it('breaks ties by callsign, so the list does not flicker', () => {
		expect(nearestFree([at(2, 'B', 100), at(1, 'A', 100)], new Set(), to).map((o) => o.callsign)).toEqual(['A', 'B']);
	});
});

describe('formatMetres', () => {
	it('switches to kilometres at 1,000 m', () => {
		expect(formatMetres(999)).toBe('999 m');
		expect(formatMetres(1440)).toBe('1.4 km');
	});
});
