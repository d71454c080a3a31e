// Crime records on their way in: staged in small batches while a file is read, then moved into
// crime_records in one transaction (the later row winning where a file repeats a record id), with
// the people the rows name linked to the records they landed in.
import { sql, type Insertable } from 'kysely';
import type { Db, ImportStagingTable, PersonRole } from '../schema.ts';

export type StagedRow = Insertable<ImportStagingTable>;

export async function insertStagedRows(db: Db, rows: StagedRow[]): Promise<void> {
	await db.insertInto('import_staging').values(rows).execute();
}

export async function deleteStagedRows(db: Db, importId: number): Promise<void> {
	await db.deleteFrom('import_staging').where('import_id', '=', importId).execute();
}

const COLUMNS = ['source', 'source_id', 'month', 'occurred_at', 'lon', 'lat', 'category', 'offence_code', 'location', 'lsoa_code', 'lsoa_name', 'outcome', 'context', 'harm'] as const;

/**
 * Moves an import's staged rows into crime_records: rows without a record id are added as they
 * are; of rows with one, the last in the file wins and replaces a stored record of the same
 * (source, id). Counts are taken before the move: staged rows whose record was already stored,
 * distinct record ids, and rows without an id.
 */
export async function mergeStagedRows(tx: Db, importId: number): Promise<{ updated: number; distinctWithId: number; withoutId: number }> {
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
	const staged = (withId: boolean) =>
		tx
			.selectFrom('import_staging')
			.select([sql<number>`${importId}`.as('import_id'), ...COLUMNS])
			.where('import_id', '=', importId)
			.where('source_id', withId ? 'is not' : 'is', null)
			.$if(withId, (q) => q.where('seq', 'in', latest));
	await tx.insertInto('crime_records').columns(['import_id', ...COLUMNS]).expression(staged(false)).execute();
	await tx
		.insertInto('crime_records')
		.columns(['import_id', ...COLUMNS])
		.expression(staged(true))
		.onConflict((oc) =>
			oc
				.columns(['source', 'source_id'])
				.where('source_id', 'is not', null)
				.doUpdateSet((eb) => Object.fromEntries(['import_id', ...COLUMNS.slice(2)].map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.month')])))
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
	return { updated: Number(updated.n), distinctWithId: Number(distinctWithId.n), withoutId: Number(withoutId.n) };
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
