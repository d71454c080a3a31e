// Crime files straight into detection columns, with no database: what `cli detect` reads. Repeated
// record ids are resolved by the same rule as an import (domain/import/dedup.ts), so a file and the
// database give the same hot spots.
import { ColumnsBuilder, monthIndex, type CrimeColumns } from '../../domain/hotspots/columns.ts';
import { harmFor, type HarmTable } from '../../domain/hotspots/harm.ts';
import { LatestById, recordKey, selectRows } from '../../domain/import/dedup.ts';
import { busiestPoints, placeholderWarning } from '../../domain/import/placeholder.ts';
import type { ColumnMapping } from '../../domain/import/formats/mapping.ts';
import { readRecords, type ReadOptions } from './read-records.ts';
import type { Rejection } from '../../domain/import/types.ts';

export interface LoadReport {
	file: string;
	format: string;
	rowsRead: number;
	accepted: number;
	withoutLocation: number;
	/** rows the mapping's "exclude" left out */
	excluded: number;
	/** records whose id came again later (in this file or a later one): the later one is kept */
	repeated: number;
	rejected: number;
	rejections: Rejection[];
	warnings: string[];
}

export async function loadColumns(
	paths: string[],
	opts: { mapping?: ColumnMapping | null; tz?: string; harm: HarmTable; onProgress?: ReadOptions['onProgress'] }
): Promise<{ columns: CrimeColumns; reports: LoadReport[]; warnings: string[] }> {
	const b = new ColumnsBuilder(1 << 16);
	const reports: LoadReport[] = [];
	const ids = new LatestById();
	let replaced = new Uint8Array(1 << 16);
	const fileOf: LoadReport[] = [];
	for (const file of paths) {
		const r: LoadReport = { file, format: '', rowsRead: 0, accepted: 0, withoutLocation: 0, excluded: 0, repeated: 0, rejected: 0, rejections: [], warnings: [] };
		const summary = await readRecords(file, { mapping: opts.mapping, tz: opts.tz, onProgress: opts.onProgress }, (row) => {
			r.rowsRead++;
			if (row.kind === 'record') {
				const x = row.record;
				const index = b.n;
				b.push(x.lon, x.lat, x.category, harmFor(opts.harm, x.category, x.offenceCode), x.occurredAt, monthIndex(x.month), x.location);
				fileOf[index] = r;
				if (index >= replaced.length) {
					const grown = new Uint8Array(replaced.length * 2);
					grown.set(replaced);
					replaced = grown;
				}
				const earlier = ids.see(recordKey(x.source, x.sourceId), index);
				if (earlier >= 0) {
					replaced[earlier] = 1;
					fileOf[earlier].repeated++;
				}
				r.accepted++;
			} else if (row.kind === 'no-location') r.withoutLocation++;
			else if (row.kind === 'excluded') r.excluded++;
			else {
				r.rejected++;
				if (r.rejections.length < 20) r.rejections.push(row.rejection);
			}
		});
		r.format = summary.format;
		r.warnings = summary.warnings;
		reports.push(r);
	}
	const all = b.build();
	const keep = new Uint8Array(all.n);
	for (let i = 0; i < all.n; i++) keep[i] = replaced[i] ? 0 : 1;
	const columns = selectRows(all, keep);
	const warning = placeholderWarning(busiestPoints(columns.lon, columns.lat, columns.n), columns.n);
	return { columns, reports, warnings: warning ? [warning] : [] };
}
