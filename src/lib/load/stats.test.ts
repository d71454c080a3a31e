import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram, percentileBucket, percentileOfSorted } from './stats.ts';

describe('percentiles', () => {
	it('takes the nearest rank of sorted values', () => {
		const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
		expect(percentileOfSorted(v, 50)).toBe(5);
		expect(percentileOfSorted(v, 95)).toBe(10);
		expect(percentileOfSorted(v, 99)).toBe(10);
		expect(percentileOfSorted(v, 10)).toBe(1);
		expect(percentileOfSorted(v, 0)).toBe(1);
		expect(percentileOfSorted(v, 100)).toBe(10);
		expect(percentileOfSorted([7], 99)).toBe(7);
		expect(percentileOfSorted([], 50)).toBeNull();
		// 100 values: p99 is the 99th, not the largest
		expect(percentileOfSorted(Array.from({ length: 100 }, (_, i) => i + 1), 99)).toBe(99);
	});

	it('finds the same rank in bucket counts', () => {
		expect(percentileBucket([0, 3, 0, 1], 50)).toBe(1);
		expect(percentileBucket([0, 3, 0, 1], 80)).toBe(3);
		expect(percentileBucket([0, 0, 0], 50)).toBe(-1);
		expect(() => percentileBucket([1], 101)).toThrow(/0–100/);
	});

	it('a histogram percentile bounds the exact one from above, within one bucket', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 300 }),
				fc.constantFrom(50, 95, 99, 100),
				(values, p) => {
					const h = new LatencyHistogram(1000);
					for (const v of values) h.record(v);
					const exact = percentileOfSorted([...values].sort((a, b) => a - b), p)!;
					const got = h.percentile(p)!;
					// 0.05 for rounding the reported figure to 0.1 ms
					expect(got).toBeGreaterThanOrEqual(exact - 0.05 - 1e-9);
					if (exact < 1000) expect(got).toBeLessThanOrEqual(exact + 0.1 + 0.05 + 1e-9);
					else expect(got).toBeCloseTo(Math.max(...values), 1);
				}
			)
		);
	});

	it('summarises an empty run as nulls', () => {
		expect(new LatencyHistogram(10).summary()).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
	});
});
