import { sql } from 'kysely';
import { listHotspotSets } from '#lib/server/db/queries/hotspots.ts';
import { activeHarmTable } from '#lib/server/services/harm-tables.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const [records, imports, sets, harm] = await Promise.all([
		app.db
			.selectFrom('crime_records')
			.select(['source', (eb) => eb.fn.countAll<number>().as('n'), sql<string>`min(month)`.as('from'), sql<string>`max(month)`.as('to')])
			.groupBy('source')
			.execute(),
		app.db
			.selectFrom('imports')
			.select(['id', 'file_name', 'format', 'status', 'rows_read', 'rows_accepted', 'rows_rejected', 'rows_without_location', 'rows_inserted', 'rows_updated', 'created_at'])
			.orderBy('id', 'desc')
			.limit(20)
			.execute(),
		listHotspotSets(app.db),
		activeHarmTable(app.db)
	]);
	const counts = await app.db
		.selectFrom('hotspots')
		.select(['set_id', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('set_id')
		.execute();
	const bySet = new Map(counts.map((c) => [c.set_id, Number(c.n)]));
	return {
		records: records.map((r) => ({ ...r, n: Number(r.n) })),
		imports,
		sets: sets.map((s) => ({ ...s, hotspots: bySet.get(s.id) ?? 0 })),
		harm: { name: harm.name, version: harm.version }
	};
};
