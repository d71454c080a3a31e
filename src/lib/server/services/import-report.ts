// What an import tells the analyst: counts, the first rejections, warnings, earlier imports of
// the same file; and the small readings of a file and its past that importFile needs.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Rejection } from '../../domain/import/types.ts';

export interface ImportReport {
	file: string;
	importId: number | null;
	format: string;
	status: 'imported' | 'already-imported' | 'failed';
	rowsRead: number;
	accepted: number;
	inserted: number;
	updated: number;
	withoutLocation: number;
	/** rows the mapping's "exclude" left out */
	excluded: number;
	/** rows whose record id appears again later in the same file (the last one wins) */
	repeated: number;
	rejected: number;
	/** the first 1,000 rejections: row number, field, reason */
	rejections: Rejection[];
	/** categories not in the harm table (they count, with harm 0) */
	unweighted: string[];
	/** people linked to the imported records (a force's own file only) */
	persons: number;
	/** what the analyst should know about the file as a whole (encoding, coordinate system, zones, placeholder points) */
	warnings: string[];
	/** earlier imports of the same bytes through another mapping (or none) */
	sameFile: { id: number; mapping: string | null }[];
	error?: string;
}

export function emptyReport(file: string): ImportReport {
	return {
		file,
		importId: null,
		format: 'unknown',
		status: 'imported',
		rowsRead: 0,
		accepted: 0,
		inserted: 0,
		updated: 0,
		withoutLocation: 0,
		repeated: 0,
		rejected: 0,
		rejections: [],
		unweighted: [],
		persons: 0,
		excluded: 0,
		warnings: [],
		sameFile: []
	};
}

export async function hashFile(path: string): Promise<string> {
	const h = createHash('sha256');
	for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
	return h.digest('hex');
}

export function mappingName(json: string | null): string | null {
	if (!json) return null;
	const m = JSON.parse(json) as { name?: string; source?: string };
	return m.name ?? m.source ?? 'unnamed';
}

export function nothingStored(r: ImportReport): string {
	const first = r.rejections[0];
	const parts = [`${r.rowsRead} row${r.rowsRead === 1 ? '' : 's'} read`, `${r.rejected} rejected`, `${r.withoutLocation} without a location`];
	if (r.excluded) parts.push(`${r.excluded} left out by the mapping's "exclude"`);
	return `no record could be stored (${parts.join(', ')})${first ? `; first rejection: row ${first.row}, ${first.field}: ${first.reason}` : ''}`;
}
