// Bookkeeping for fixes the load tool has sent, in typed arrays so that thousands of fixes a
// second cost no objects beyond the socket payload and its ack callback.

export const FREE = 0;
export const IN_FLIGHT = 1;
export const WAITING = 2;

function grown<T extends Float64Array | Int32Array | Uint8Array | Uint32Array>(a: T, size: number): T {
	const b = new (a.constructor as new (n: number) => T)(size);
	b.set(a);
	return b;
}

/** Fixes not yet acknowledged as stored: a slab of slots with a free list; a slot is kept until its fix is settled. */
export class PendingFixes {
	seq = new Float64Array(0);
	/** first send, which ack latency is measured from (performance.now) */
	firstAt = new Float64Array(0);
	/** latest attempt, which the ack timeout runs from */
	lastAt = new Float64Array(0);
	t = new Float64Array(0);
	lat = new Float64Array(0);
	lon = new Float64Array(0);
	accuracy = new Float64Array(0);
	speed = new Float64Array(0);
	attempts = new Uint32Array(0);
	state = new Uint8Array(0);
	size = 0;
	private free = new Int32Array(0);
	private freeTop = 0;

	constructor(capacity = 1024) {
		this.resize(capacity);
	}

	add(seq: number, at: number, t: number, lat: number, lon: number, accuracy: number, speed: number): number {
		if (this.freeTop === 0) this.resize(this.state.length * 2);
		const slot = this.free[--this.freeTop];
		this.seq[slot] = seq;
		this.firstAt[slot] = at;
		this.lastAt[slot] = at;
		this.t[slot] = t;
		this.lat[slot] = lat;
		this.lon[slot] = lon;
		this.accuracy[slot] = accuracy;
		this.speed[slot] = speed;
		this.attempts[slot] = 0;
		this.state[slot] = WAITING;
		this.size++;
		return slot;
	}

	/** true when the slot still holds this fix, unsettled */
	holds(slot: number, seq: number): boolean {
		return this.state[slot] !== FREE && this.seq[slot] === seq;
	}

	release(slot: number): void {
		this.state[slot] = FREE;
		this.seq[slot] = -1;
		this.free[this.freeTop++] = slot;
		this.size--;
	}

	private resize(capacity: number): void {
		const old = this.state.length;
		this.seq = grown(this.seq, capacity);
		this.firstAt = grown(this.firstAt, capacity);
		this.lastAt = grown(this.lastAt, capacity);
		this.t = grown(this.t, capacity);
		this.lat = grown(this.lat, capacity);
		this.lon = grown(this.lon, capacity);
		this.accuracy = grown(this.accuracy, capacity);
		this.speed = grown(this.speed, capacity);
		this.attempts = grown(this.attempts, capacity);
		this.state = grown(this.state, capacity);
		this.free = grown(this.free, capacity);
		for (let s = capacity - 1; s >= old; s--) {
			this.seq[s] = -1;
			this.free[this.freeTop++] = s;
		}
	}
}

/** A first-in first-out ring of (slot, seq, time), pushed in time order: timeouts and retries due. */
export class TimedQueue {
	private slots = new Int32Array(1024);
	private seqs = new Float64Array(1024);
	private ats = new Float64Array(1024);
	private head = 0;
	length = 0;

	push(slot: number, seq: number, at: number): void {
		if (this.length === this.slots.length) this.grow();
		const i = (this.head + this.length) & (this.slots.length - 1);
		this.slots[i] = slot;
		this.seqs[i] = seq;
		this.ats[i] = at;
		this.length++;
	}

	get headSlot(): number {
		return this.slots[this.head];
	}
	get headSeq(): number {
		return this.seqs[this.head];
	}
	get headAt(): number {
		return this.length ? this.ats[this.head] : Infinity;
	}

	shift(): void {
		this.head = (this.head + 1) & (this.slots.length - 1);
		this.length--;
	}

	private grow(): void {
		const n = this.slots.length;
		const slots = new Int32Array(n * 2);
		const seqs = new Float64Array(n * 2);
		const ats = new Float64Array(n * 2);
		for (let k = 0; k < this.length; k++) {
			const i = (this.head + k) & (n - 1);
			slots[k] = this.slots[i];
			seqs[k] = this.seqs[i];
			ats[k] = this.ats[i];
		}
		this.slots = slots;
		this.seqs = seqs;
		this.ats = ats;
		this.head = 0;
	}
}

/**
 * First-send time by fix number for the most recent fixes, so a fix seen by the control room
 * (usually after its ack settled it) is timed from its send, and counted once.
 */
export class SendTimes {
	private readonly tags: Uint32Array;
	private readonly ats: Float64Array;
	private readonly mask: number;

	constructor(window: number) {
		let size = 1024;
		while (size < window && size < 1 << 23) size *= 2;
		this.tags = new Uint32Array(size);
		this.ats = new Float64Array(size);
		this.mask = size - 1;
	}

	set(seq: number, at: number): void {
		const i = seq & this.mask;
		this.tags[i] = seq + 1;
		this.ats[i] = at;
	}

	/** the send time of a fix not taken before, or -1 */
	take(seq: number): number {
		const i = seq & this.mask;
		if (this.tags[i] !== seq + 1) return -1;
		this.tags[i] = 0;
		return this.ats[i];
	}
}

/** Fix numbers acknowledged as stored, one bit each, for checking against the database afterwards. */
export class SeqSet {
	private bits = new Uint8Array(1024);
	size = 0;

	add(seq: number): void {
		const byte = seq >>> 3;
		if (byte >= this.bits.length) {
			let n = this.bits.length;
			while (n <= byte) n *= 2;
			this.bits = grown(this.bits, n);
		}
		const bit = 1 << (seq & 7);
		if ((this.bits[byte] & bit) === 0) {
			this.bits[byte] |= bit;
			this.size++;
		}
	}

	has(seq: number): boolean {
		const byte = seq >>> 3;
		return byte < this.bits.length && (this.bits[byte] & (1 << (seq & 7))) !== 0;
	}

	*values(): Generator<number> {
		for (let byte = 0; byte < this.bits.length; byte++) {
			const b = this.bits[byte];
			if (b === 0) continue;
			for (let k = 0; k < 8; k++) if (b & (1 << k)) yield byte * 8 + k;
		}
	}
}
