import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundToTotal } from './round.ts';

describe('roundToTotal', () => {
	it('gives the leftover unit to the row that lost most', () => {
		// each rounds to 0 on its own (total 0), but they add to 1.5 → 2
		expect(roundToTotal([0.5, 0.5, 0.5])).toEqual([1, 1, 0]);
		expect(roundToTotal([10.4, 20.4, 30.45])).toEqual([10, 20, 31]);
		expect(roundToTotal([])).toEqual([]);
	});

	it('always adds to the rounded total, each row within 1 of its exact value', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { maxLength: 40 }), (xs) => {
				const r = roundToTotal(xs);
				expect(r.reduce((s, v) => s + v, 0)).toBe(Math.round(xs.reduce((s, v) => s + v, 0)));
				r.forEach((v, i) => expect(Math.abs(v - xs[i])).toBeLessThan(1));
			})
		);
	});
});
