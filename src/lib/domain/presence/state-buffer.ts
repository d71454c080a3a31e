// A snapshot of an engine's state as one column of doubles, written and read in the same order.
// The live engine takes one every few fixes for each of thousands of officers, so snapshots are
// not copies of objects (a dozen allocations and kilobytes each, most of the old engine's garbage
// collection) but numbers written into a buffer that is reused for the officer's next snapshot.
// A plain array of doubles, not a Float64Array: V8 keeps it unboxed just the same, without a
// typed array's buffer objects and off-heap store per snapshot (issue [5/6]:
// heap snapshot of 5,000 engines).
export class StateBuffer {
	private data: number[];
	/** values written */
	size = 0;
	private at = 0;

	constructor(capacity = 160) {
		this.data = doubles(capacity);
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
		if (this.data.length > this.size * 1.5 + 16) {
			const fitted = doubles(this.size + 8);
			for (let i = 0; i < this.size; i++) fitted[i] = this.data[i];
			this.data = fitted;
		}
	}

	/** Bytes held, for the engine's accounting of what an officer costs. */
	get bytes(): number {
		return this.data.length * 8;
	}

	private grow(needed: number): void {
		// snapshots of one officer are about the same size each time: grow a little, not double
		const grown = doubles(Math.max(needed + 16, Math.ceil(this.data.length * 1.25)));
		for (let i = 0; i < this.size; i++) grown[i] = this.data[i];
		this.data = grown;
	}
}

/** n zeros as an array V8 stores as unboxed doubles from the start. */
export function doubles(n: number): number[] {
	return new Array<number>(n).fill(0.5).fill(0);
}
