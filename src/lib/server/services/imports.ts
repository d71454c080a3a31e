import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { harmOf, STARTER_HARM, type HarmTable } from '../../domain/hotspots/harm.ts';
import { insertCrimeRecords } from '../db/queries/crimes.ts';
import type { Db } from '../db/schema.ts';
import { CsvError, CsvReader } from '../import/csv.ts';
import { policeUkCsv } from '../import/formats/police-uk-csv.ts';
import type { CrimeRecordInput, CsvFormat, Rejection, RowResult } from '../import/types.ts';

export interface ImportReport {
	file: string;
	format: string;
	status: 'imported' | 'already-imported' | 'failed';
	rowsRead: number;
	accepted: number;
	inserted: number;
	updated: number;
	withoutLocation: number;
	rejected: number;
	rejections: Rejection[];
	error?: string;
}

const CSV_FORMATS: CsvFormat[] = [policeUkCsv];
const MAX_REPORTED_REJECTIONS = 1000;

export async function hashFile(path: string): Promise<string> {
	const h = createHash('sha256');
	for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
	return h.digest('hex');
}

export interface ImportOptions {
	harm?: HarmTable;
	userId?: number | null;
	now: number;
	onProgress?: (bytes: number, total: number) => void;
}

/**
 * Imports one file whole or not at all: records go in one transaction with the import's own row;
 * a file whose content hash is already stored adds nothing.
 */
export async function importFile(db: Db, path: string, opts: ImportOptions): Promise<ImportReport> {
	const file = basename(path);
	const harm = opts.harm ?? STARTER_HARM;
	const contentHash = await hashFile(path);
	const report: ImportReport = {
		file,
		format: 'unknown',
		status: 'imported',
		rowsRead: 0,
		accepted: 0,
		inserted: 0,
		updated: 0,
		withoutLocation: 0,
		rejected: 0,
		rejections: []
	};
	const existing = await db.selectFrom('imports').select('id').where('content_hash', '=', contentHash).executeTakeFirst();
	if (existing) return { ...report, status: 'already-imported' };

	const records: (CrimeRecordInput & { harm: number })[] = [];
	let mapper: ((f: string[], row: number) => RowResult) | null = null;
	const onRow = (fields: string[], line: number) => {
		if (!mapper) {
			const header = fields.map((h) => h.replace(/^\uFEFF/, '').trim());
			const format = CSV_FORMATS.find((f) => f.matches(header));
			if (!format) throw new CsvError(`line ${line}: header does not match any known CSV format (${header.slice(0, 4).join(', ')}…)`, line);
			report.format = format.name;
			mapper = format.mapper(header);
			return;
		}
		report.rowsRead++;
		const r = mapper(fields, line);
		if (r.kind === 'record') records.push({ ...r.record, harm: harmOf(harm, r.record.category) });
		else if (r.kind === 'no-location') report.withoutLocation++;
		else {
			report.rejected++;
			if (report.rejections.length < MAX_REPORTED_REJECTIONS) report.rejections.push(r.rejection);
		}
	};
	try {
		const reader = new CsvReader(onRow);
		const decoder = new StringDecoder('utf8');
		const total = (await import('node:fs')).statSync(path).size;
		let bytes = 0;
		for await (const chunk of createReadStream(path)) {
			bytes += (chunk as Buffer).length;
			reader.push(decoder.write(chunk as Buffer));
			opts.onProgress?.(bytes, total);
		}
		reader.push(decoder.end());
		reader.end();
		if (!mapper) throw new Error('the file is empty');
	} catch (e) {
		return { ...report, status: 'failed', error: e instanceof Error ? e.message : String(e) };
	}
	report.accepted = records.length;
	await db.transaction().execute(async (tx) => {
		const imp = await tx
			.insertInto('imports')
			.values({
				file_name: file,
				content_hash: contentHash,
				format: report.format,
				source: 'police.uk',
				rows_read: report.rowsRead,
				rows_accepted: report.accepted,
				rows_rejected: report.rejected,
				rows_without_location: report.withoutLocation,
				report: JSON.stringify({ rejections: report.rejections }),
				created_at: opts.now,
				created_by: opts.userId ?? null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const { inserted, updated } = await insertCrimeRecords(tx, imp.id, records);
		report.inserted = inserted;
		report.updated = updated;
	});
	return report;
}
