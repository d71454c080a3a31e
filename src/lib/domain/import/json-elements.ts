// Streams the elements of a JSON document's record array — the root array of a data.police.uk
// API response, or the "features" array of a GeoJSON FeatureCollection — one element at a time,
// so a large file is read in constant memory. Each element's text goes to JSON.parse; anything
// structurally wrong is a JsonShapeError naming the character offset.

export class JsonShapeError extends Error {}

export class JsonElements {
	private depth = 0;
	private inString = false;
	private escape = false;
	private mode: 'root-array' | 'features' | null = null;
	/** depth inside the record array (1 for a root array, 2 for root.features); -1 until found */
	private elementDepth = -1;
	private capturing = false;
	private scalar = false;
	private buf = '';
	private key = '';
	private lastKey = '';
	private readingKey = false;
	private done = false;
	private offset = 0;
	private count = 0;
	private readonly onElement: (text: string, index: number) => void;

	constructor(onElement: (text: string, index: number) => void) {
		this.onElement = onElement;
	}

	push(chunk: string): void {
		let start = 0;
		for (let i = 0; i < chunk.length; i++) {
			const ch = chunk[i];
			if (this.inString) {
				if (this.escape) this.escape = false;
				else if (ch === '\\') this.escape = true;
				else if (ch === '"') this.inString = this.readingKey = false;
				else if (this.readingKey) this.key += ch;
				continue;
			}
			if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
			if (this.done) throw new JsonShapeError(`offset ${this.offset + i}: text after the end of the document`);
			if (this.mode === null) {
				if (ch === '[') (this.mode = 'root-array'), (this.elementDepth = 1);
				else if (ch === '{') this.mode = 'features';
				else throw new JsonShapeError(`offset ${this.offset + i}: expected a JSON array or a GeoJSON object`);
			}
			if (this.capturing && this.scalar && this.depth === this.elementDepth && (ch === ',' || ch === ']')) {
				this.emit(this.buf + chunk.slice(start, i));
			}
			if (!this.capturing && this.depth === this.elementDepth && ch !== ',' && ch !== ']') {
				this.capturing = true;
				this.scalar = ch !== '{' && ch !== '[';
				this.buf = '';
				start = i;
			}
			const atRootKeys = this.mode === 'features' && this.depth === 1 && !this.capturing;
			if (ch === '"') {
				this.inString = true;
				if (atRootKeys) (this.readingKey = true), (this.key = '');
			} else if (ch === ':' && atRootKeys) {
				this.lastKey = this.key;
			} else if (ch === ',' && atRootKeys) {
				this.lastKey = '';
			} else if (ch === '{' || ch === '[') {
				if (atRootKeys && ch === '[' && this.lastKey === 'features' && this.elementDepth < 0) this.elementDepth = 2;
				this.depth++;
			} else if (ch === '}' || ch === ']') {
				this.depth--;
				if (this.depth < 0) throw new JsonShapeError(`offset ${this.offset + i}: unbalanced ${ch}`);
				if (this.depth === 0) this.done = true;
				if (this.capturing && !this.scalar && this.depth === this.elementDepth) this.emit(this.buf + chunk.slice(start, i + 1));
			}
		}
		if (this.capturing) {
			this.buf += chunk.slice(start);
			if (this.buf.length > 10_000_000) throw new JsonShapeError(`record ${this.count + 1} is larger than 10 MB`);
		}
		this.offset += chunk.length;
	}

	end(): void {
		if (this.mode === null) throw new JsonShapeError('the file is empty');
		if (this.inString) throw new JsonShapeError('the document ends inside a string');
		if (!this.done) throw new JsonShapeError('the document is cut short');
		if (this.mode === 'features' && this.elementDepth < 0) throw new JsonShapeError('expected a GeoJSON FeatureCollection with a "features" array');
	}

	private emit(text: string): void {
		this.capturing = false;
		this.buf = '';
		this.onElement(text.trim(), this.count++);
	}
}

/** All elements of a whole string (tests, small files). */
export function jsonElements(text: string): string[] {
	const out: string[] = [];
	const p = new JsonElements((t) => out.push(t));
	p.push(text);
	p.end();
	return out;
}
