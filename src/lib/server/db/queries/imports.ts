// Imports as the analyst sees them, and their removal: an import's records go, with the links to
// people they carried and the people no other record names.
import type { Db } from '../schema.ts';

export interface ImportSummary {
	id: number;
	fileName: string;
	format: string;
	source: string;
	mappingName: string | null;
	createdAt: number;
	createdBy: number | null;
	rowsRead: number;
	stored: number;
	rejected: number;
	withoutLocation: number;
	excluded: number;
	/** records this import holds now (later imports may have taken over some by id) */
	records: number;
}

export async function listImports(db: Db): Promise<ImportSummary[]> {
	const rows = await db
		.selectFrom('imports as i')
		.select(['i.id', 'i.file_name', 'i.format', 'i.source', 'i.mapping', 'i.created_at', 'i.created_by', 'i.rows_read', 'i.rows_inserted', 'i.rows_updated', 'i.rows_rejected', 'i.rows_without_location', 'i.report'])
		.select((eb) => eb.selectFrom('crime_records as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.import_id', '=', 'i.id').as('records'))
		.where('i.status', '=', 'done')
		.orderBy('i.id', 'desc')
		.execute();
	return rows.map((r) => {
		const mapping = r.mapping ? (JSON.parse(r.mapping) as { name?: string; source?: string }) : null;
		const report = JSON.parse(r.report || '{}') as { excluded?: number };
		return {
			id: r.id,
			fileName: r.file_name,
			format: r.format,
			source: r.source,
			mappingName: mapping ? (mapping.name ?? mapping.source ?? 'mapping') : null,
			createdAt: Number(r.created_at),
			createdBy: r.created_by,
			rowsRead: r.rows_read,
			stored: r.rows_inserted + r.rows_updated,
			rejected: r.rows_rejected,
			withoutLocation: r.rows_without_location,
			excluded: report.excluded ?? 0,
			records: Number(r.records ?? 0)
		};
	});
}

/** Deletes an import's records, their links to people, people left unlinked, and the import. */
export async function deleteImport(tx: Db, importId: number): Promise<{ records: number; links: number; persons: number }> {
	let records = 0;
	let links = 0;
	const people = new Set<number>();
	for (;;) {
		const ids = (await tx.selectFrom('crime_records').select('id').where('import_id', '=', importId).orderBy('id').limit(5000).execute()).map((r) => r.id);
		if (ids.length === 0) break;
		for (const p of await tx.selectFrom('crime_persons').select('person_id').where('crime_id', 'in', ids).execute()) people.add(p.person_id);
		links += Number((await tx.deleteFrom('crime_persons').where('crime_id', 'in', ids).executeTakeFirst()).numDeletedRows);
		records += Number((await tx.deleteFrom('crime_records').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
	}
	let persons = 0;
	const list = [...people];
	for (let i = 0; i < list.length; i += 500) {
		const r = await tx
			.deleteFrom('persons')
			.where('id', 'in', list.slice(i, i + 500))
			.where(({ not, exists, selectFrom }) => not(exists(selectFrom('crime_persons').select('crime_id').whereRef('crime_persons.person_id', '=', 'persons.id'))))
			.executeTakeFirst();
		persons += Number(r.numDeletedRows);
	}
	await tx.deleteFrom('import_staging').where('import_id', '=', importId).execute();
	await tx.deleteFrom('imports').where('id', '=', importId).execute();
	return { records, links, persons };
}

/** An import's name and state, if it exists. */
export async function getImportStatus(db: Db, importId: number): Promise<{ id: number; fileName: string; status: 'staging' | 'done' | 'failed' } | undefined> {
	const r = await db.selectFrom('imports').select(['id', 'file_name', 'status']).where('id', '=', importId).executeTakeFirst();
	return r && { id: r.id, fileName: r.file_name, status: r.status };
}

/** The file and format a record came from. */
export function importOrigin(db: Db, importId: number): Promise<{ file_name: string; format: string } | undefined> {
	return db.selectFrom('imports').select(['file_name', 'format']).where('id', '=', importId).executeTakeFirst();
}

/** Earlier attempts at the same bytes, through any mapping. */
export async function importsOfContent(db: Db, contentHash: string): Promise<{ id: number; status: 'staging' | 'done' | 'failed'; mappingHash: string; mapping: string | null }[]> {
	const rows = await db.selectFrom('imports').select(['id', 'status', 'mapping_hash', 'mapping']).where('content_hash', '=', contentHash).execute();
	return rows.map((r) => ({ id: r.id, status: r.status, mappingHash: r.mapping_hash, mapping: r.mapping }));
}

/** The record of an import being read, in the staging state. */
export async function insertStagingImport(
	db: Db,
	i: { fileName: string; contentHash: string; source: string; createdBy: number | null; bytesTotal: number; mappingHash: string; mapping: string | null },
	now: number
): Promise<number> {
	const { id } = await db
		.insertInto('imports')
		.values({
			file_name: i.fileName,
			content_hash: i.contentHash,
			format: 'unknown',
			source: i.source,
			rows_read: 0,
			rows_accepted: 0,
			rows_rejected: 0,
			rows_without_location: 0,
			report: '{}',
			created_at: now,
			created_by: i.createdBy,
			status: 'staging',
			bytes_total: i.bytesTotal,
			mapping_hash: i.mappingHash,
			mapping: i.mapping
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function setImportProgress(db: Db, importId: number, bytesRead: number): Promise<void> {
	await db.updateTable('imports').set({ bytes_read: bytesRead }).where('id', '=', importId).execute();
}

export interface FinishedImport {
	format: string;
	rowsRead: number;
	accepted: number;
	rejected: number;
	withoutLocation: number;
	inserted: number;
	updated: number;
	bytesRead: number;
	/** what the import page shows later: rejections, unweighted categories, counts, warnings */
	report: Record<string, unknown>;
}

export async function finishImport(db: Db, importId: number, f: FinishedImport): Promise<void> {
	await db
		.updateTable('imports')
		.set({
			status: 'done',
			format: f.format,
			rows_read: f.rowsRead,
			rows_accepted: f.accepted,
			rows_rejected: f.rejected,
			rows_without_location: f.withoutLocation,
			rows_inserted: f.inserted,
			rows_updated: f.updated,
			bytes_read: f.bytesRead,
			report: JSON.stringify(f.report)
		})
		.where('id', '=', importId)
		.execute();
}

/** Drops an unfinished import's staged rows and its record of the attempt. */
export async function deleteImportAttempt(db: Db, importId: number): Promise<void> {
	await db.deleteFrom('import_staging').where('import_id', '=', importId).execute();
	await db.deleteFrom('imports').where('id', '=', importId).execute();
}

/** Imports still staging (left half-way by a crash when read at start). */
export async function stagingImportIds(db: Db): Promise<number[]> {
	return (await db.selectFrom('imports').select('id').where('status', '=', 'staging').execute()).map((r) => r.id);
}

/** The newest imports of every state, for the analyst's overview. */
export function recentImports(db: Db, limit: number) {
	return db
		.selectFrom('imports')
		.select(['id', 'file_name', 'format', 'status', 'rows_read', 'rows_accepted', 'rows_rejected', 'rows_without_location', 'rows_inserted', 'rows_updated', 'created_at'])
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}
