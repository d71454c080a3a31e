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
