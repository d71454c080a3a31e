import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('rate limiter', () => {
	it('allows the limit in a window, refuses the next, and forgets after the window', () => {
		const r = new RateLimiter(3, 1000);
		expect([1, 2, 3, 4].map(() => r.take('ip', 0))).toEqual([true, true, true, false]);
		expect(r.take('other', 10)).toBe(true);
		expect(r.retryAfter('ip', 400)).toBe(600);
		expect(r.take('ip', 1000)).toBe(true);
		expect(r.retryAfter('ip', 1000)).toBe(0);
	});
});
