// Crime record imports: streamed in constant memory into a staging table in small batches, then
// moved into crime_records in one short transaction — so each file lands whole or not at all,
// without holding the database's single writer for the length of the read. An import is one
// file read through one mapping: the same content through the same mapping adds nothing, through
// a changed mapping it is read again (and the earlier import is named, to remove if it was
// wrong). A file that stores nothing is not an import. Records with a source id are upserted by
// (source, id), the later winning (domain/import/dedup.ts states the rule); records without one
// (police.uk's anti-social behaviour rows) are kept as they are. Removing an import removes its
// records and what links to them.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { sql } from 'kysely';
import { harmFor, type HarmTable } from '../../domain/hotspots/harm.ts';
import { mappingKey } from '../../domain/import/mapping-key.ts';
import { placeholderWarning } from '../../domain/import/placeholder.ts';
import { audit } from './audit.ts';
import { busiestStagedPoints, linkPersons } from '../db/queries/imports.ts';
import type { Db, ImportStagingTable } from '../db/schema.ts';
import type { ColumnMapping } from '../../domain/import/formats/mapping.ts';
import { ImportError, readRecords } from '../import/read-records.ts';
import type { Rejection } from '../../domain/import/types.ts';
import { activeHarmTable } from './harm-tables.ts';

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

const MAX_REPORTED_REJECTIONS = 1000;
const BATCH = 1000;

export async function hashFile(path: string): Promise<string> {
	const h = createHash('sha256');
	for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
	return h.digest('hex');
}

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
	const file = opts.fileName ?? basename(path);
	const report: ImportReport = {
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
	const contentHash = await hashFile(path);
	const mappingHash = mappingKey(opts.mapping ?? null, opts.tz);
	const earlier = await db.selectFrom('imports').select(['id', 'status', 'mapping_hash', 'mapping']).where('content_hash', '=', contentHash).execute();
	const existing = earlier.find((e) => e.mapping_hash === mappingHash);
	if (existing?.status === 'done') return { ...report, importId: existing.id, status: 'already-imported' };
	if (existing) await discard(db, existing.id);
	report.sameFile = earlier.filter((e) => e.status === 'done' && e.mapping_hash !== mappingHash).map((e) => ({ id: e.id, mapping: mappingName(e.mapping) }));
	for (const e of report.sameFile) {
		report.warnings.push(`this file was imported before as import ${e.id} (${e.mapping ? `mapping "${e.mapping}"` : 'without a mapping'}); if that reading was wrong, remove it (cli imports remove ${e.id}, or on the import page)`);
	}

	const harm = opts.harm ?? (await activeHarmTable(db));
	const total = statSync(path).size;
	const { id: importId } = await db
		.insertInto('imports')
		.values({
			file_name: file,
			content_hash: contentHash,
			format: 'unknown',
			source: opts.mapping?.source ?? 'police.uk',
			rows_read: 0,
			rows_accepted: 0,
			rows_rejected: 0,
			rows_without_location: 0,
			report: '{}',
			created_at: opts.now,
			created_by: opts.userId ?? null,
			status: 'staging',
			bytes_total: total,
			mapping_hash: mappingHash,
			mapping: opts.mapping ? JSON.stringify(opts.mapping) : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	report.importId = importId;

	let batch: ImportStagingTable[] = [];
	let pending: Promise<unknown> = Promise.resolve();
	let seq = 0;
	let lastProgress = 0;
	const unweighted = new Set<string>();
	const flush = () => {
		if (batch.length === 0) return;
		const rows = batch;
		batch = [];
		pending = pending.then(() => db.insertInto('import_staging').values(rows).execute());
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
						pending = pending.then(() => db.updateTable('imports').set({ bytes_read: bytes }).where('id', '=', importId).execute());
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
		await discard(db, importId);
		const error = e instanceof ImportError ? e.message : `could not read the file: ${(e as Error).message}`;
		if (!(e instanceof ImportError)) console.error(e);
		return { ...report, status: 'failed', error };
	}
	report.accepted = seq;
	report.unweighted = [...unweighted].sort();
	const placeholder = placeholderWarning(await busiestStagedPoints(db, importId), seq);
	if (placeholder) report.warnings.push(placeholder);
	await db.transaction().execute(async (tx) => {
		// a record id repeated within one file: the last row wins
		const latest = tx
			.selectFrom('import_staging')
			.select(sql<number>`max(seq)`.as('seq'))
			.where('import_id', '=', importId)
			.where('source_id', 'is not', null)
			.groupBy(['source', 'source_id']);
		const updated = await tx
			.selectFrom('import_staging as s')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('s.import_id', '=', importId)
			.where('s.seq', 'in', latest)
			.where((eb) =>
				eb.exists(
					eb
						.selectFrom('crime_records as c')
						.select('c.id')
						.whereRef('c.source', '=', 's.source')
						.whereRef('c.source_id', '=', 's.source_id')
				)
			)
			.executeTakeFirstOrThrow();
		const columns = ['source', 'source_id', 'month', 'occurred_at', 'lon', 'lat', 'category', 'offence_code', 'location', 'lsoa_code', 'lsoa_name', 'outcome', 'context', 'harm'] as const;
		const staged = (withId: boolean) =>
			tx
				.selectFrom('import_staging')
				.select([sql<number>`${importId}`.as('import_id'), ...columns])
				.where('import_id', '=', importId)
				.where('source_id', withId ? 'is not' : 'is', null)
				.$if(withId, (q) => q.where('seq', 'in', latest));
		await tx.insertInto('crime_records').columns(['import_id', ...columns]).expression(staged(false)).execute();
		await tx
			.insertInto('crime_records')
			.columns(['import_id', ...columns])
			.expression(staged(true))
			.onConflict((oc) =>
				oc
					.columns(['source', 'source_id'])
					.where('source_id', 'is not', null)
					.doUpdateSet((eb) => Object.fromEntries(['import_id', ...columns.slice(2)].map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.month')])))
			)
			.execute();
		const distinctWithId = await tx
			.selectFrom('import_staging')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('import_id', '=', importId)
			.where('seq', 'in', latest)
			.executeTakeFirstOrThrow();
		const withoutId = await tx
			.selectFrom('import_staging')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('import_id', '=', importId)
			.where('source_id', 'is', null)
			.executeTakeFirstOrThrow();
		report.updated = Number(updated.n);
		report.inserted = Number(distinctWithId.n) - report.updated + Number(withoutId.n);
		report.repeated = report.accepted - Number(distinctWithId.n) - Number(withoutId.n);
		report.persons = await linkPersons(tx, importId);
		// every node's dashboard cache sees the new version and reloads
		await bumpCrimeVersion(tx);
		await tx.deleteFrom('import_staging').where('import_id', '=', importId).execute();
		await tx
			.updateTable('imports')
			.set({
				status: 'done',
				format: report.format,
				rows_read: report.rowsRead,
				rows_accepted: report.accepted,
				rows_rejected: report.rejected,
				rows_without_location: report.withoutLocation,
				rows_inserted: report.inserted,
				rows_updated: report.updated,
				bytes_read: total,
				report: JSON.stringify({ rejections: report.rejections, unweighted: report.unweighted, repeated: report.repeated, excluded: report.excluded, warnings: report.warnings })
			})
			.where('id', '=', importId)
			.execute();
	});
	// s.62: the collection of the records, and the combination of people with them
	const actor = opts.actor ?? { id: opts.userId ?? null, name: 'cli' };
	await audit(db, { actor, operation: 'collection', subject: `import:${importId}`, detail: { format: report.format, inserted: report.inserted, updated: report.updated } }, opts.now);
	if (report.persons > 0) await audit(db, { actor, operation: 'combination', subject: `import:${importId}`, detail: { persons: report.persons, linkedTo: 'crime records' } }, opts.now);
	return report;
}

function mappingName(json: string | null): string | null {
	if (!json) return null;
	const m = JSON.parse(json) as { name?: string; source?: string };
	return m.name ?? m.source ?? 'unnamed';
}

function nothingStored(r: ImportReport): string {
	const first = r.rejections[0];
	const parts = [`${r.rowsRead} row${r.rowsRead === 1 ? '' : 's'} read`, `${r.rejected} rejected`, `${r.withoutLocation} without a location`];
	if (r.excluded) parts.push(`${r.excluded} left out by the mapping's "exclude"`);
	return `no record could be stored (${parts.join(', ')})${first ? `; first rejection: row ${first.row}, ${first.field}: ${first.reason}` : ''}`;
}

/** Drops an unfinished import's staged rows and its record of the attempt. */
async function discard(db: Db, importId: number): Promise<void> {
	await db.deleteFrom('import_staging').where('import_id', '=', importId).execute();
	await db.deleteFrom('imports').where('id', '=', importId).execute();
}

/** Imports left half-way by a crash are discarded at start; nothing of them reached crime_records. */
export async function discardUnfinishedImports(db: Db): Promise<number> {
	const stale = await db.selectFrom('imports').select('id').where('status', '=', 'staging').execute();
	for (const s of stale) await discard(db, s.id);
	return stale.length;
}

export async function bumpCrimeVersion(db: Db): Promise<void> {
	await db.updateTable('meta').set((eb) => ({ value: eb('value', '+', 1) })).where('key', '=', 'crime_version').execute();
}
