// A snapshot of an engine's state as one column of doubles, written and read in the same order.
// The live engine takes one every few fixes for each of thousands of officers, so snapshots are
// not copies of objects (a dozen allocations and kilobytes each, most of the old engine's garbage
// collection) but numbers written into a buffer that is reused for the officer's next snapshot.
export class StateBuffer {
	private data: Float64Array;
	/** values written */
	size = 0;
	private at = 0;

	constructor(capacity = 160) {
		this.data = new Float64Array(capacity);
	}

	/** Starts a new snapshot over the old one. */
	clear(): void {
		this.size = 0;
	}

	write(v: number): void {
		if (this.size === this.data.length) this.grow(this.size + 1);
		this.data[this.size++] = v;
	}

	/** Writes `n` values of `from` starting at `start`. */
	writeAll(from: ArrayLike<number>, start: number, n: number): void {
		if (this.size + n > this.data.length) this.grow(this.size + n);
		for (let i = 0; i < n; i++) this.data[this.size + i] = from[start + i];
		this.size += n;
	}

	/** Starts reading from the first value. */
	rewind(): this {
		this.at = 0;
		return this;
	}

	read(): number {
		return this.data[this.at++];
	}

	/** Gives back room far beyond what was written (the first snapshots of a shift may be the largest). */
	fit(): void {
		if (this.data.length > this.size * 1.5 + 16) this.data = this.data.slice(0, this.size + 8);
	}

	/** Bytes held, for the engine's accounting of what an officer costs. */
	get bytes(): number {
		return this.data.byteLength;
	}

	private grow(needed: number): void {
		// snapshots of one officer are about the same size each time: grow a little, not double
		const grown = new Float64Array(Math.max(needed + 16, Math.ceil(this.data.length * 1.25)));
		grown.set(this.data.subarray(0, this.size));
		this.data = grown;
	}
}
