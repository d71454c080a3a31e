// Crime record imports: streamed in constant memory into a staging table in small batches, then
// moved into crime_records in one short transaction — so each file lands whole or not at all,
// without holding the database's single writer for the length of the read. An import is one
// file read through one mapping: the same content through the same mapping adds nothing, through
// a changed mapping it is read again (and the earlier import is named, to remove if it was
// wrong). A file that stores nothing is not an import. Records with a source id are upserted by
// (source, id), the later winning (domain/import/dedup.ts states the rule); records without one
// (police.uk's anti-social behaviour rows) are kept as they are. Removing an import removes its
// records and what links to them.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { harmFor, type HarmTable } from '../../domain/hotspots/harm.ts';
import { mappingKey } from '../../domain/import/mapping-key.ts';
import { placeholderWarning } from '../../domain/import/placeholder.ts';
import { bumpCrimeVersion } from '../db/queries/crimes.ts';
import { busiestStagedPoints, deleteStagedRows, insertStagedRows, linkPersons, mergeStagedRows, type StagedRow } from '../db/queries/import-staging.ts';
import { deleteImportAttempt, finishImport, importsOfContent, insertStagingImport, setImportProgress, stagingImportIds } from '../db/queries/imports.ts';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { ColumnMapping } from '../../domain/import/formats/mapping.ts';
import { ImportError, readRecords } from '../import/read-records.ts';
import { audit } from './audit.ts';
import { activeHarmTable } from './harm-tables.ts';
import { emptyReport, hashFile, mappingName, nothingStored, type ImportReport } from './import-report.ts';

export { bumpCrimeVersion } from '../db/queries/crimes.ts';
export { hashFile, type ImportReport } from './import-report.ts';

const MAX_REPORTED_REJECTIONS = 1000;
const BATCH = 1000;

export interface ImportOptions {
	now: number;
	/** who imported, for the audit log (default: the command line) */
	actor?: { id: number | null; name: string };
	userId?: number | null;
	mapping?: ColumnMapping | null;
	tz?: string;
	harm?: HarmTable;
	/** a display name when the path is a temporary upload */
	fileName?: string;
	onProgress?: (bytes: number, total: number) => void;
}

export async function importFile(db: Db, path: string, opts: ImportOptions): Promise<ImportReport> {
	const report = emptyReport(opts.fileName ?? basename(path));
	const contentHash = await hashFile(path);
	const mappingHash = mappingKey(opts.mapping ?? null, opts.tz);
	const earlier = await importsOfContent(db, contentHash);
	const existing = earlier.find((e) => e.mappingHash === mappingHash);
	if (existing?.status === 'done') return { ...report, importId: existing.id, status: 'already-imported' };
	if (existing) await deleteImportAttempt(db, existing.id);
	report.sameFile = earlier.filter((e) => e.status === 'done' && e.mappingHash !== mappingHash).map((e) => ({ id: e.id, mapping: mappingName(e.mapping) }));
	for (const e of report.sameFile) {
		report.warnings.push(`this file was imported before as import ${e.id} (${e.mapping ? `mapping "${e.mapping}"` : 'without a mapping'}); if that reading was wrong, remove it (cli imports remove ${e.id}, or on the import page)`);
	}

	const harm = opts.harm ?? (await activeHarmTable(db));
	const total = statSync(path).size;
	const importId = await insertStagingImport(
		db,
		{
			fileName: report.file,
			contentHash,
			source: opts.mapping?.source ?? 'police.uk',
			createdBy: opts.userId ?? null,
			bytesTotal: total,
			mappingHash,
			mapping: opts.mapping ? JSON.stringify(opts.mapping) : null
		},
		opts.now
	);
	report.importId = importId;

	let batch: StagedRow[] = [];
	let pending: Promise<unknown> = Promise.resolve();
	let seq = 0;
	let lastProgress = 0;
	const unweighted = new Set<string>();
	const flush = () => {
		if (batch.length === 0) return;
		const rows = batch;
		batch = [];
		pending = pending.then(() => insertStagedRows(db, rows));
	};
	try {
		const summary = await readRecords(
			path,
			{
				mapping: opts.mapping,
				tz: opts.tz,
				onProgress: (bytes, all) => {
					opts.onProgress?.(bytes, all);
					if (bytes - lastProgress > all / 50) {
						lastProgress = bytes;
						pending = pending.then(() => setImportProgress(db, importId, bytes));
					}
				}
			},
			(r) => {
				report.rowsRead++;
				if (r.kind === 'no-location') report.withoutLocation++;
				else if (r.kind === 'excluded') report.excluded++;
				else if (r.kind === 'rejected') {
					report.rejected++;
					if (report.rejections.length < MAX_REPORTED_REJECTIONS) report.rejections.push(r.rejection);
				} else {
					const x = r.record;
					const h = harmFor(harm, x.category, x.offenceCode);
					if (h === 0 && harm.weights[x.category] === undefined && (!x.offenceCode || harm.weights[x.offenceCode] === undefined)) unweighted.add(x.category);
					batch.push({
						import_id: importId,
						seq: seq++,
						source: x.source,
						source_id: x.sourceId,
						month: x.month,
						occurred_at: x.occurredAt,
						lon: x.lon,
						lat: x.lat,
						category: x.category,
						offence_code: x.offenceCode,
						location: x.location,
						lsoa_code: x.lsoaCode,
						lsoa_name: x.lsoaName,
						outcome: x.outcome,
						context: x.context,
						harm: h,
						persons: x.persons?.length ? JSON.stringify(x.persons) : null
					});
					if (batch.length >= BATCH) flush();
				}
			}
		);
		flush();
		await pending;
		report.format = summary.format;
		report.warnings.push(...summary.warnings);
		if (seq === 0) throw new ImportError(nothingStored(report));
	} catch (e) {
		await pending.catch(() => {});
		await deleteImportAttempt(db, importId);
		const error = e instanceof ImportError ? e.message : `could not read the file: ${(e as Error).message}`;
		if (!(e instanceof ImportError)) console.error(e);
		return { ...report, status: 'failed', error };
	}
	report.accepted = seq;
	report.unweighted = [...unweighted].sort();
	const placeholder = placeholderWarning(await busiestStagedPoints(db, importId), seq);
	if (placeholder) report.warnings.push(placeholder);
	await inTransaction(db, async (tx) => {
		const merged = await mergeStagedRows(tx, importId);
		report.updated = merged.updated;
		report.inserted = merged.distinctWithId - report.updated + merged.withoutId;
		report.repeated = report.accepted - merged.distinctWithId - merged.withoutId;
		report.persons = await linkPersons(tx, importId);
		// every node's dashboard cache sees the new version and reloads
		await bumpCrimeVersion(tx);
		await deleteStagedRows(tx, importId);
		await finishImport(tx, importId, {
			format: report.format,
			rowsRead: report.rowsRead,
			accepted: report.accepted,
			rejected: report.rejected,
			withoutLocation: report.withoutLocation,
			inserted: report.inserted,
			updated: report.updated,
			bytesRead: total,
			report: { rejections: report.rejections, unweighted: report.unweighted, repeated: report.repeated, excluded: report.excluded, warnings: report.warnings }
		});
	});
	// s.62: the collection of the records, and the combination of people with them
	const actor = opts.actor ?? { id: opts.userId ?? null, name: 'cli' };
	await audit(db, { actor, operation: 'collection', subject: `import:${importId}`, detail: { format: report.format, inserted: report.inserted, updated: report.updated } }, opts.now);
	if (report.persons > 0) await audit(db, { actor, operation: 'combination', subject: `import:${importId}`, detail: { persons: report.persons, linkedTo: 'crime records' } }, opts.now);
	return report;
}

/** Imports left half-way by a crash are discarded at start; nothing of them reached crime_records. */
export async function discardUnfinishedImports(db: Db): Promise<number> {
	const stale = await stagingImportIds(db);
	for (const id of stale) await deleteImportAttempt(db, id);
	return stale.length;
}
