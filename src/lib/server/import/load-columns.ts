// Crime files straight into detection columns, with no database: what `cli detect` reads.
import { ColumnsBuilder, monthIndex, type CrimeColumns } from '../../domain/hotspots/columns.ts';
import { harmFor, type HarmTable } from '../../domain/hotspots/harm.ts';
import type { ColumnMapping } from './formats/mapping.ts';
import { readRecords, type ReadOptions } from './read-records.ts';
import type { Rejection } from './types.ts';

export interface LoadReport {
	file: string;
	format: string;
	rowsRead: number;
	accepted: number;
	withoutLocation: number;
	rejected: number;
	rejections: Rejection[];
}

export async function loadColumns(
	paths: string[],
	opts: { mapping?: ColumnMapping | null; tz?: string; harm: HarmTable; onProgress?: ReadOptions['onProgress'] }
): Promise<{ columns: CrimeColumns; reports: LoadReport[] }> {
	const b = new ColumnsBuilder(1 << 16);
	const reports: LoadReport[] = [];
	for (const file of paths) {
		const r: LoadReport = { file, format: '', rowsRead: 0, accepted: 0, withoutLocation: 0, rejected: 0, rejections: [] };
		r.format = await readRecords(file, { mapping: opts.mapping, tz: opts.tz, onProgress: opts.onProgress }, (row) => {
			r.rowsRead++;
			if (row.kind === 'record') {
				const x = row.record;
				b.push(x.lon, x.lat, x.category, harmFor(opts.harm, x.category, x.offenceCode), x.occurredAt, monthIndex(x.month), x.location);
				r.accepted++;
			} else if (row.kind === 'no-location') r.withoutLocation++;
			else {
				r.rejected++;
				if (r.rejections.length < 20) r.rejections.push(row.rejection);
			}
		});
		reports.push(r);
	}
	return { columns: b.build(), reports };
}
