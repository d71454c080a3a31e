// A growable ring of fixed-width records of floats, oldest first: the motion classifier's
// recent fixes and speed samples, kept without allocating per fix (the engine's budget is about
// a microsecond a fix).
export class FloatRing {
	private data: Float64Array;
	private readonly width: number;
	/** capacity in records, a power of two */
	private cap: number;
	private head = 0;
	size = 0;

	constructor(width: number, capacity = 16) {
		this.width = width;
		this.cap = capacity;
		this.data = new Float64Array(width * capacity);
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

	clone(): FloatRing {
		const c = new FloatRing(this.width, this.cap);
		c.data.set(this.data);
		c.head = this.head;
		c.size = this.size;
		return c;
	}

	private grow(): void {
		const grown = new Float64Array(this.data.length * 2);
		for (let i = 0; i < this.size; i++) for (let f = 0; f < this.width; f++) grown[i * this.width + f] = this.get(i, f);
		this.data = grown;
		this.head = 0;
		this.cap *= 2;
	}
}
