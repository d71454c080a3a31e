// A growable ring of fixed-width records of floats, oldest first: the motion classifier's
// recent fixes and speed samples, kept without allocating per fix (the engine's budget is about
// a microsecond a fix). A plain array of doubles, not a Float64Array: V8 stores it unboxed just
// the same, and allocates and copies it far faster (snapshots clone it).
import type { StateBuffer } from './state-buffer.ts';

export class FloatRing {
	private data: number[];
	private readonly width: number;
	/** capacity in records, a power of two */
	private cap: number;
	private head = 0;
	size = 0;

	constructor(width: number, capacity = 16) {
		this.width = width;
		this.cap = capacity;
		this.data = new Array<number>(width * capacity).fill(0);
	}

	/** Field f of the i-th oldest record. */
	get(i: number, f: number): number {
		return this.data[((this.head + i) & (this.cap - 1)) * this.width + f];
	}

	push(a: number, b: number, c = 0, d = 0): void {
		if (this.size === this.cap) this.grow();
		const k = ((this.head + this.size) & (this.cap - 1)) * this.width;
		const data = this.data;
		data[k] = a;
		data[k + 1] = b;
		if (this.width > 2) data[k + 2] = c;
		if (this.width > 3) data[k + 3] = d;
		this.size++;
	}

	shift(): void {
		this.head = (this.head + 1) & (this.cap - 1);
		this.size--;
	}

	clear(): void {
		this.head = 0;
		this.size = 0;
	}

	/** Writes size then the records, oldest first. */
	save(out: StateBuffer): void {
		out.write(this.size);
		for (let i = 0; i < this.size; i++) for (let f = 0; f < this.width; f++) out.write(this.get(i, f));
	}

	restore(from: StateBuffer): void {
		this.clear();
		const n = from.read();
		for (let i = 0; i < n; i++) {
			const a = from.read();
			const b = from.read();
			const c = this.width > 2 ? from.read() : 0;
			const d = this.width > 3 ? from.read() : 0;
			this.push(a, b, c, d);
		}
	}

	private grow(): void {
		const grown = new Array<number>(this.data.length * 2).fill(0);
		for (let i = 0; i < this.size; i++) for (let f = 0; f < this.width; f++) grown[i * this.width + f] = this.get(i, f);
		this.data = grown;
		this.head = 0;
		this.cap *= 2;
	}
}
