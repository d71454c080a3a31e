import { sql } from 'kysely';
import type { CrimeRecordInput } from '../../../domain/import/types.ts';
import type { Db } from '../schema.ts';

export async function insertCrimeRecords(
	db: Db,
	importId: number,
	records: (CrimeRecordInput & { harm: number })[]
): Promise<{ inserted: number; updated: number }> {
	let inserted = 0;
	let updated = 0;
	const toRow = (r: CrimeRecordInput & { harm: number }) => ({
		import_id: importId,
		source: r.source,
		source_id: r.sourceId,
		month: r.month,
		occurred_at: r.occurredAt,
		lon: r.lon,
		lat: r.lat,
		category: r.category,
		offence_code: r.offenceCode,
		location: r.location,
		lsoa_code: r.lsoaCode,
		lsoa_name: r.lsoaName,
		outcome: r.outcome,
		context: r.context,
		harm: r.harm
	});
	const withId = records.filter((r) => r.sourceId !== null).map(toRow);
	const withoutId = records.filter((r) => r.sourceId === null).map(toRow);
	for (let i = 0; i < withId.length; i += 400) {
		const chunk = withId.slice(i, i + 400);
		// xmax = 0 tells PostgreSQL inserts from updates; SQLite cannot tell, so count by lookup
		const before = await db
			.selectFrom('crime_records')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('source', '=', chunk[0].source)
			.where('source_id', 'in', chunk.map((r) => r.source_id!))
			.executeTakeFirstOrThrow();
		await db
			.insertInto('crime_records')
			.values(chunk)
			.onConflict((oc) =>
				oc
					.columns(['source', 'source_id'])
					.where('source_id', 'is not', null)
					.doUpdateSet((eb) => ({
						import_id: eb.ref('excluded.import_id'),
						month: eb.ref('excluded.month'),
						occurred_at: eb.ref('excluded.occurred_at'),
						lon: eb.ref('excluded.lon'),
						lat: eb.ref('excluded.lat'),
						category: eb.ref('excluded.category'),
						offence_code: eb.ref('excluded.offence_code'),
						location: eb.ref('excluded.location'),
						lsoa_code: eb.ref('excluded.lsoa_code'),
						lsoa_name: eb.ref('excluded.lsoa_name'),
						outcome: eb.ref('excluded.outcome'),
						context: eb.ref('excluded.context'),
						harm: eb.ref('excluded.harm')
					}))
			)
			.execute();
		const n = Number(before.n);
		updated += n;
		inserted += chunk.length - n;
	}
	for (let i = 0; i < withoutId.length; i += 400) {
		await db.insertInto('crime_records').values(withoutId.slice(i, i + 400)).execute();
		inserted += Math.min(400, withoutId.length - i);
	}
	return { inserted, updated };
}

export async function countCrimeRecords(db: Db): Promise<number> {
	const r = await db.selectFrom('crime_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(r.n);
}

/** Records for detection: place, type and time only. */
export async function crimePoints(db: Db, opts: { fromMonth?: string; toMonth?: string } = {}) {
	let q = db.selectFrom('crime_records').select(['lon', 'lat', 'category', 'occurred_at', 'month', 'location']);
	if (opts.fromMonth) q = q.where('month', '>=', opts.fromMonth);
	if (opts.toMonth) q = q.where('month', '<=', opts.toMonth);
	return q.execute();
}

export async function latestMonth(db: Db): Promise<string | null> {
	const r = await db.selectFrom('crime_records').select(sql<string>`max(month)`.as('m')).executeTakeFirst();
	return r?.m ?? null;
}

/** One page of records for detection's columns, in id order after `after`: rows as stored, since a million mapped objects would cost more than the columns built from them. */
export function crimeColumnsPage(db: Db, after: number, limit: number) {
	return db
		.selectFrom('crime_records')
		.select(['id', 'lon', 'lat', 'category', 'harm', 'occurred_at', 'month', 'location'])
		.where('id', '>', after)
		.orderBy('id')
		.limit(limit)
		.execute();
}

/** One page of records for the dashboard's in-memory store, in id order after `after` (rows as stored, as above). */
export function dashboardPage(db: Db, after: number, limit: number) {
	return db
		.selectFrom('crime_records')
		.select(['id', 'lon', 'lat', 'category', 'harm', 'occurred_at', 'month', 'lsoa_name', 'location'])
		.where('id', '>', after)
		.orderBy('id')
		.limit(limit)
		.execute();
}

export interface CrimeRecord {
	id: number;
	importId: number | null;
	source: string;
	sourceId: string | null;
	month: string;
	occurredAt: number | null;
	category: string;
	offenceCode: string | null;
	location: string | null;
	lsoa: string | null;
	outcome: string | null;
	context: string | null;
	harm: number;
	lon: number;
	lat: number;
}

export async function getCrimeRecord(db: Db, id: number): Promise<CrimeRecord | undefined> {
	const r = await db.selectFrom('crime_records').selectAll().where('id', '=', id).executeTakeFirst();
	return (
		r && {
			id: r.id,
			importId: r.import_id,
			source: r.source,
			sourceId: r.source_id,
			month: r.month,
			occurredAt: r.occurred_at === null ? null : Number(r.occurred_at),
			category: r.category,
			offenceCode: r.offence_code,
			location: r.location,
			lsoa: r.lsoa_name,
			outcome: r.outcome,
			context: r.context,
			harm: r.harm,
			lon: r.lon,
			lat: r.lat
		}
	);
}

/** Records aggregated to ~50 m points (count and harm), optionally within months. */
export async function heatPoints(db: Db, months: { from: string | null; to: string | null }) {
	let q = db
		.selectFrom('crime_records')
		.select([
			sql<number>`round(lon * 2000) / 2000`.as('x'),
			sql<number>`round(lat * 2000) / 2000`.as('y'),
			(eb) => eb.fn.countAll<number>().as('n'),
			(eb) => eb.fn.sum<number>('harm').as('harm')
		])
		.groupBy([sql`round(lon * 2000) / 2000`, sql`round(lat * 2000) / 2000`]);
	if (months.from) q = q.where('month', '>=', months.from);
	if (months.to) q = q.where('month', '<=', months.to);
	return (await q.execute()).map((r) => ({ lon: Number(r.x), lat: Number(r.y), n: Number(r.n), harm: Number(r.harm) }));
}

/** Records per category, by name. */
export async function categoryCounts(db: Db): Promise<{ category: string; n: number }[]> {
	const rows = await db.selectFrom('crime_records').select(['category', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('category').orderBy('category').execute();
	return rows.map((c) => ({ category: c.category, n: Number(c.n) }));
}

/** Records per source, with the months they span. */
export async function sourceSummary(db: Db): Promise<{ source: string; n: number; from: string; to: string }[]> {
	const rows = await db
		.selectFrom('crime_records')
		.select(['source', (eb) => eb.fn.countAll<number>().as('n'), sql<string>`min(month)`.as('from'), sql<string>`max(month)`.as('to')])
		.groupBy('source')
		.execute();
	return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Records with an exact time in [from, to) (police.uk's monthly records have none). */
export async function timedCrimesBetween(db: Db, from: number, to: number) {
	const rows = await db
		.selectFrom('crime_records')
		.select(['lon', 'lat', 'occurred_at', 'harm', 'category'])
		.where('occurred_at', 'is not', null)
		.where('occurred_at', '>=', from)
		.where('occurred_at', '<', to)
		.execute();
	return rows.map((r) => ({ lon: r.lon, lat: r.lat, t: r.occurred_at!, harm: r.harm, category: r.category }));
}

/** The version every node's dashboard cache compares with its own; moved by each change to the records. */
export async function crimeVersion(db: Db): Promise<number> {
	const row = await db.selectFrom('meta').select('value').where('key', '=', 'crime_version').executeTakeFirst();
	return Number(row?.value ?? 0);
}

export async function bumpCrimeVersion(db: Db): Promise<void> {
	await db.updateTable('meta').set((eb) => ({ value: eb('value', '+', 1) })).where('key', '=', 'crime_version').execute();
}

/** Every record's harm from a table: categories first, then offence codes, which win where both apply (as harmFor does). */
export async function reweighCrimes(db: Db, weights: Record<string, number>): Promise<void> {
	await db.updateTable('crime_records').set({ harm: 0 }).execute();
	for (const [key, weight] of Object.entries(weights)) {
		await db.updateTable('crime_records').set({ harm: weight }).where('category', '=', key).execute();
	}
	for (const [key, weight] of Object.entries(weights)) {
		await db.updateTable('crime_records').set({ harm: weight }).where('offence_code', '=', key).execute();
	}
}
