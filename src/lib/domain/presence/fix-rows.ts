// The fixes one officer's live engine holds — the applied history it replays late fixes over,
// then the reorder buffer — as rows of one array of unboxed doubles, in device-time order. Fix objects are
// not kept: each dies young, where the old engine's lists of them lived for minutes, were
// promoted and made most of its garbage-collection time. An id is kept as a string only while
// its fix waits in the buffer (it orders equal times there); applied rows keep a 32-bit hash of
// it, enough to know a repeat (the same id at the same device time, rule 7).
import { ownQuality, speedOf } from './officer-core.ts';
import { doubles } from './state-buffer.ts';
import type { PresenceFix } from './types.ts';

/** t, received (or t), lat, lon, accuracy, speed (NaN: none), own quality code × 2³² + id hash */
const W = 7;
const HASH = 4_294_967_296;

/** FNV-1a over the id's UTF-16 code units. */
export function hashId(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

export class FixRows {
	/** a plain array, not a Float64Array: the same unboxed doubles without a typed array's buffer objects (with the snapshots' buffers, ~450 bytes an officer) */
	private data: number[];
	/** ids of rows still in the reorder buffer; '' once applied */
	readonly ids: string[] = [];
	n = 0;

	constructor(capacity = 8) {
		this.data = doubles(capacity * W);
	}

	t(i: number): number {
		return this.data[i * W];
	}
	received(i: number): number {
		return this.data[i * W + 1];
	}
	lat(i: number): number {
		return this.data[i * W + 2];
	}
	lon(i: number): number {
		return this.data[i * W + 3];
	}
	accuracy(i: number): number {
		return this.data[i * W + 4];
	}
	speed(i: number): number {
		return this.data[i * W + 5];
	}
	quality(i: number): number {
		return Math.floor(this.data[i * W + 6] / HASH);
	}
	hash(i: number): number {
		return this.data[i * W + 6] % HASH;
	}

	/** Inserts the fix as row i, moving rows i… up by one. */
	insert(i: number, f: PresenceFix, hash: number): void {
		if ((this.n + 1) * W > this.data.length) this.grow();
		const d = this.data;
		for (let j = this.n * W - 1; j >= i * W; j--) d[j + W] = d[j];
		const k = i * W;
		d[k] = f.t;
		d[k + 1] = f.receivedAt ?? f.t;
		d[k + 2] = f.lat;
		d[k + 3] = f.lon;
		d[k + 4] = f.accuracy;
		d[k + 5] = speedOf(f);
		d[k + 6] = ownQuality(f) * HASH + hash;
		const ids = this.ids;
		ids.push(f.id);
		for (let j = this.n; j > i; j--) ids[j] = ids[j - 1];
		ids[i] = f.id;
		this.n++;
	}

	/** Forgets rows 0 … k-1. */
	drop(k: number): void {
		// loops, not copyWithin: Array.prototype.copyWithin takes the generic path and boxes doubles
		const d = this.data;
		for (let j = k * W; j < this.n * W; j++) d[j - k * W] = d[j];
		const ids = this.ids;
		for (let j = k; j < this.n; j++) ids[j - k] = ids[j];
		this.n -= k;
		this.ids.length = this.n;
	}

	/** First row at or after `from` whose time is ≥ t, by bisection of rows [from, to). */
	search(t: number, from: number, to: number): number {
		let lo = from;
		let hi = to;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.data[mid * W] < t) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	get bytes(): number {
		return this.data.length * 8;
	}

	private grow(): void {
		// an officer holds about the same number of rows all shift: grow by a little, not double
		const grown = doubles(this.data.length + 8 * W);
		const d = this.data;
		for (let i = 0; i < d.length; i++) grown[i] = d[i];
		this.data = grown;
	}
}
