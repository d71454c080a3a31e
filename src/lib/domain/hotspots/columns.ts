// Crime records as columns of typed arrays: a million records cost ~40 MB and detection walks
// them without allocating. Categories and place names are interned.
import type { CrimePoint } from './types.ts';

export interface CrimeColumns {
	n: number;
	lon: Float64Array;
	lat: Float64Array;
	/** index into `categories` */
	cat: Uint16Array;
	/** harm weight (days), already 0 for categories excluded from scoring */
	harm: Float64Array;
	/** exact time, epoch ms, NaN when the source gives only a month */
	t: Float64Array;
	/** months since 0000-01: year * 12 + month - 1 */
	month: Int32Array;
	/** index into `places`, -1 when unknown */
	place: Int32Array;
	categories: string[];
	places: string[];
}

export function monthIndex(yyyyMm: string): number {
	const y = Number(yyyyMm.slice(0, 4));
	const m = Number(yyyyMm.slice(5, 7));
	return y * 12 + m - 1;
}

export function monthLabel(index: number): string {
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export class ColumnsBuilder {
	n = 0;
	private cap: number;
	private lon: Float64Array;
	private lat: Float64Array;
	private cat: Uint16Array;
	private harm: Float64Array;
	private t: Float64Array;
	private month: Int32Array;
	private place: Int32Array;
	private categoryIndex = new Map<string, number>();
	private placeIndex = new Map<string, number>();
	private categories: string[] = [];
	private places: string[] = [];

	constructor(capacity = 1024) {
		this.cap = capacity;
		this.lon = new Float64Array(capacity);
		this.lat = new Float64Array(capacity);
		this.cat = new Uint16Array(capacity);
		this.harm = new Float64Array(capacity);
		this.t = new Float64Array(capacity);
		this.month = new Int32Array(capacity);
		this.place = new Int32Array(capacity);
	}

	private grow(): void {
		this.cap *= 2;
		const g = <T extends Float64Array | Uint16Array | Int32Array>(a: T): T => {
			const b = new (a.constructor as new (n: number) => T)(this.cap);
			b.set(a);
			return b;
		};
		this.lon = g(this.lon);
		this.lat = g(this.lat);
		this.cat = g(this.cat);
		this.harm = g(this.harm);
		this.t = g(this.t);
		this.month = g(this.month);
		this.place = g(this.place);
	}

	push(lon: number, lat: number, category: string, harm: number, t: number | null, month: number, place: string | null): void {
		if (this.n === this.cap) this.grow();
		const i = this.n++;
		let c = this.categoryIndex.get(category);
		if (c === undefined) {
			c = this.categories.push(category) - 1;
			this.categoryIndex.set(category, c);
		}
		let p = -1;
		if (place) {
			p = this.placeIndex.get(place) ?? -1;
			if (p < 0) {
				p = this.places.push(place) - 1;
				this.placeIndex.set(place, p);
			}
		}
		this.lon[i] = lon;
		this.lat[i] = lat;
		this.cat[i] = c;
		this.harm[i] = harm;
		this.t[i] = t ?? NaN;
		this.month[i] = month;
		this.place[i] = p;
	}

	build(): CrimeColumns {
		const n = this.n;
		return {
			n,
			lon: this.lon.subarray(0, n),
			lat: this.lat.subarray(0, n),
			cat: this.cat.subarray(0, n),
			harm: this.harm.subarray(0, n),
			t: this.t.subarray(0, n),
			month: this.month.subarray(0, n),
			place: this.place.subarray(0, n),
			categories: this.categories,
			places: this.places
		};
	}
}

/** Columns from plain records (tests, small inputs). `harm` maps a category to its weight. */
export function toColumns(points: CrimePoint[], harm: (category: string) => number): CrimeColumns {
	const b = new ColumnsBuilder(Math.max(16, points.length));
	for (const p of points) b.push(p.lon, p.lat, p.category, harm(p.category), p.t, monthIndex(p.month), p.location ?? null);
	return b.build();
}
