// Latency percentiles for the load tool. Counts in fixed 0.1 ms buckets keep memory flat at any
// run length (officers × hz × seconds can reach hundreds of millions of fixes) and are exact to
// the bucket; a reported percentile is the bucket's upper edge, so it never flatters the server.

/** Nearest rank: the smallest value with at least p % of all values at or below it. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
	if (sorted.length === 0) return null;
	return sorted[nearestRank(sorted.length, p) - 1];
}

/** The same rule over counts per bucket: the index of the bucket holding that value, or -1 when empty. */
export function percentileBucket(counts: ArrayLike<number>, p: number, total?: number): number {
	let n = total ?? 0;
	if (total === undefined) for (let i = 0; i < counts.length; i++) n += counts[i];
	if (n === 0) return -1;
	const rank = nearestRank(n, p);
	let seen = 0;
	for (let i = 0; i < counts.length; i++) {
		seen += counts[i];
		if (seen >= rank) return i;
	}
	return counts.length - 1;
}

function nearestRank(n: number, p: number): number {
	if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0–100, got ${p}`);
	return Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
}

export interface LatencySummary {
	count: number;
	p50: number | null;
	p95: number | null;
	p99: number | null;
	max: number | null;
}

export class LatencyHistogram {
	/** buckets per millisecond */
	static readonly RESOLUTION = 10;
	readonly counts: Uint32Array;
	count = 0;
	max = 0;

	constructor(rangeMs = 120_000) {
		// the last bucket holds everything beyond the range
		this.counts = new Uint32Array(rangeMs * LatencyHistogram.RESOLUTION + 1);
	}

	record(ms: number): void {
		const i = Math.floor((ms > 0 ? ms : 0) * LatencyHistogram.RESOLUTION);
		this.counts[i < this.counts.length ? i : this.counts.length - 1]++;
		this.count++;
		if (ms > this.max) this.max = ms;
	}

	percentile(p: number): number | null {
		const b = percentileBucket(this.counts, p, this.count);
		if (b < 0) return null;
		// beyond the range only the maximum is known, which bounds the percentile from above
		if (b === this.counts.length - 1) return round1(this.max);
		return round1(Math.min(this.max, (b + 1) / LatencyHistogram.RESOLUTION));
	}

	summary(): LatencySummary {
		return {
			count: this.count,
			p50: this.percentile(50),
			p95: this.percentile(95),
			p99: this.percentile(99),
			max: this.count ? round1(this.max) : null
		};
	}
}

function round1(x: number): number {
	return Math.round(x * 10) / 10;
}
