// A fixed-window counter per key (an IP address, a user): enough to slow password guessing and
// to stop one socket flooding the server. Memory is bounded: old windows are forgotten.
export class RateLimiter {
	private readonly limit: number;
	private readonly windowMs: number;
	private counts = new Map<string, { start: number; n: number }>();

	constructor(limit: number, windowMs: number) {
		this.limit = limit;
		this.windowMs = windowMs;
	}

	/** Counts one attempt; false when the key is over its limit in this window. */
	take(key: string, now: number): boolean {
		let c = this.counts.get(key);
		if (!c || now - c.start >= this.windowMs) {
			if (this.counts.size > 50_000) this.sweep(now);
			c = { start: now, n: 0 };
			this.counts.set(key, c);
		}
		c.n++;
		return c.n <= this.limit;
	}

	/** Milliseconds until the key may try again (0 when it may now). */
	retryAfter(key: string, now: number): number {
		const c = this.counts.get(key);
		if (!c || c.n <= this.limit) return 0;
		return Math.max(0, c.start + this.windowMs - now);
	}

	private sweep(now: number): void {
		for (const [k, c] of this.counts) if (now - c.start >= this.windowMs) this.counts.delete(k);
	}
}
