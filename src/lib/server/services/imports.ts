// Crime record imports: streamed in constant memory into a staging table in small batches, then
// moved into crime_records in one short transaction — so each file lands whole or not at all,
// without holding the database's single writer for the length of the read. A file whose content
// is already imported adds nothing; records with a source id are upserted by (source, id);
// records without one (police.uk's anti-social behaviour rows) are kept as they are.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { sql } from 'kysely';
import { harmFor, type HarmTable } from '../../domain/hotspots/harm.ts';
import { audit } from './audit.ts';
import type { Db, ImportStagingTable, PersonRole } from '../db/schema.ts';
import type { ColumnMapping } from '../import/formats/mapping.ts';
import { ImportError, readRecords } from '../import/read-records.ts';
import type { Rejection } from '../import/types.ts';
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
	/** rows whose record id appears again later in the same file (the last one wins) */
	repeated: number;
	rejected: number;
	/** the first 1,000 rejections: row number, field, reason */
	rejections: Rejection[];
	/** categories not in the harm table (they count, with harm 0) */
	unweighted: string[];
	/** people linked to the imported records (a force's own file only) */
	persons: number;
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
		persons: 0
	};
	const contentHash = await hashFile(path);
	const existing = await db.selectFrom('imports').select(['id', 'status']).where('content_hash', '=', contentHash).executeTakeFirst();
	if (existing?.status === 'done') return { ...report, importId: existing.id, status: 'already-imported' };
	if (existing) await discard(db, existing.id);

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
			bytes_total: total
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
		report.format = await readRecords(
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
	} catch (e) {
		await pending.catch(() => {});
		await discard(db, importId);
		const error = e instanceof ImportError ? e.message : `could not read the file: ${(e as Error).message}`;
		if (!(e instanceof ImportError)) console.error(e);
		return { ...report, status: 'failed', error };
	}
	report.accepted = seq;
	report.unweighted = [...unweighted].sort();
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
				report: JSON.stringify({ rejections: report.rejections, unweighted: report.unweighted, repeated: report.repeated })
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

/**
 * Links the people named in the staged rows to their records: each person once per source (by
 * reference, keeping the latest name and date of birth given), and a re-imported record's links
 * replaced by the file's.
 */
async function linkPersons(tx: Db, importId: number): Promise<number> {
	const rows = await tx
		.selectFrom('import_staging')
		.select(['source', 'source_id', 'persons'])
		.where('import_id', '=', importId)
		.where('persons', 'is not', null)
		.where('source_id', 'is not', null)
		.execute();
	if (rows.length === 0) return 0;
	type P = { ref: string; role: PersonRole; name: string | null; dob: string | null };
	const people = new Map<string, { source: string; ref: string; name: string | null; dob: string | null }>();
	for (const r of rows) {
		for (const p of JSON.parse(r.persons!) as P[]) {
			const k = `${r.source}\u0000${p.ref}`;
			const prev = people.get(k);
			people.set(k, { source: r.source, ref: p.ref, name: p.name ?? prev?.name ?? null, dob: p.dob ?? prev?.dob ?? null });
		}
	}
	const ids = new Map<string, number>();
	const list = [...people.values()];
	for (let i = 0; i < list.length; i += 300) {
		const out = await tx
			.insertInto('persons')
			.values(list.slice(i, i + 300))
			.onConflict((oc) =>
				oc.columns(['source', 'ref']).doUpdateSet((eb) => ({
					name: eb.fn.coalesce('excluded.name', 'persons.name'),
					dob: eb.fn.coalesce('excluded.dob', 'persons.dob')
				}))
			)
			.returning(['id', 'source', 'ref'])
			.execute();
		for (const o of out) ids.set(`${o.source}\u0000${o.ref}`, o.id);
	}
	const crimeIds = new Map<string, number>();
	for (let i = 0; i < rows.length; i += 500) {
		const chunk = rows.slice(i, i + 500);
		const found = await tx
			.selectFrom('crime_records')
			.select(['id', 'source', 'source_id'])
			.where('source', 'in', [...new Set(chunk.map((r) => r.source))])
			.where('source_id', 'in', chunk.map((r) => r.source_id!))
			.execute();
		for (const f of found) crimeIds.set(`${f.source}\u0000${f.source_id}`, f.id);
	}
	const links = new Map<string, { crime_id: number; person_id: number; role: PersonRole }>();
	for (const r of rows) {
		const crime = crimeIds.get(`${r.source}\u0000${r.source_id}`);
		if (crime === undefined) continue;
		for (const p of JSON.parse(r.persons!) as P[]) {
			const person = ids.get(`${r.source}\u0000${p.ref}`)!;
			links.set(`${crime}:${person}:${p.role}`, { crime_id: crime, person_id: person, role: p.role });
		}
	}
	const crimes = [...new Set([...links.values()].map((l) => l.crime_id))];
	for (let i = 0; i < crimes.length; i += 500) await tx.deleteFrom('crime_persons').where('crime_id', 'in', crimes.slice(i, i + 500)).execute();
	const all = [...links.values()];
	for (let i = 0; i < all.length; i += 500) await tx.insertInto('crime_persons').values(all.slice(i, i + 500)).execute();
	return people.size;
}
