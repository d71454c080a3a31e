// Imports as the analyst sees them, and their removal: an import's records go, with the links to
// people they carried and the people no other record names.
import { sql } from 'kysely';
import type { Db, PersonRole } from '../schema.ts';

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

/**
 * Links the people named in an import's staged rows to their records: each person once per source
 * (by reference, keeping the latest name and date of birth given), and a re-imported record's
 * links replaced by the file's.
 */
export async function linkPersons(tx: Db, importId: number): Promise<number> {
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

/** The two busiest exact points among an import's staged rows. */
export async function busiestStagedPoints(db: Db, importId: number): Promise<{ lon: number; lat: number; n: number }[]> {
	const rows = await db
		.selectFrom('import_staging')
		.select(['lon', 'lat', sql<number>`count(*)`.as('n')])
		.where('import_id', '=', importId)
		.groupBy(['lon', 'lat'])
		.orderBy('n', 'desc')
		.limit(2)
		.execute();
	return rows.map((r) => ({ lon: Number(r.lon), lat: Number(r.lat), n: Number(r.n) }));
}
