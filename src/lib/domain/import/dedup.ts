// One rule for repeated record ids, whether records go into the database or straight from files
// into detection: a record is identified by (source, id); a later one with the same identity
// replaces the earlier (files are read in the order given, rows in file order); records without an
// id (police.uk's anti-social behaviour rows) are all kept. The import service applies the same
// rule in SQL over its staging table (an upsert keyed on source and source_id, the highest
// sequence winning), which keeps its memory flat; tests hold the two paths to the same answer.
import type { CrimeColumns } from '../hotspots/columns.ts';

export function recordKey(source: string, sourceId: string | null): string | null {
	return sourceId === null || sourceId === '' ? null : `${source}\u0000${sourceId}`;
}

/** Follows records in order; says which earlier one each replaces. */
export class LatestById {
	private readonly last = new Map<string, number>();
	/** how many records replaced an earlier one */
	repeated = 0;

	/** Index of the earlier record this one replaces, or -1. */
	see(key: string | null, index: number): number {
		if (key === null) return -1;
		const before = this.last.get(key);
		this.last.set(key, index);
		if (before === undefined) return -1;
		this.repeated++;
		return before;
	}
}

/** The rows of `c` whose `keep` flag is set, in order. */
export function selectRows(c: CrimeColumns, keep: Uint8Array): CrimeColumns {
	let n = 0;
	for (let i = 0; i < c.n; i++) n += keep[i];
	if (n === c.n) return c;
	const idx = new Int32Array(n);
	for (let i = 0, j = 0; i < c.n; i++) if (keep[i]) idx[j++] = i;
	const pick = <T extends Float64Array | Uint16Array | Int32Array>(a: T): T => {
		const out = new (a.constructor as new (n: number) => T)(n);
		for (let j = 0; j < n; j++) out[j] = a[idx[j]];
		return out;
	};
	return { ...c, n, lon: pick(c.lon), lat: pick(c.lat), cat: pick(c.cat), harm: pick(c.harm), t: pick(c.t), month: pick(c.month), place: pick(c.place) };
}
