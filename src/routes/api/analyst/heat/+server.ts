import { json } from '@sveltejs/kit';
import { sql } from 'kysely';

/** Crime records aggregated to ~50 m points (count and harm), for the analyst's heat layer. */
export const GET = async ({ url, locals }) => {
	const { app } = locals;
	const from = url.searchParams.get('from');
	const to = url.searchParams.get('to');
	let q = app.db
		.selectFrom('crime_records')
		.select([
			sql<number>`round(lon * 2000) / 2000`.as('x'),
			sql<number>`round(lat * 2000) / 2000`.as('y'),
			(eb) => eb.fn.countAll<number>().as('n'),
			(eb) => eb.fn.sum<number>('harm').as('harm')
		])
		.groupBy([sql`round(lon * 2000) / 2000`, sql`round(lat * 2000) / 2000`]);
	if (from && /^\d{4}-\d{2}$/.test(from)) q = q.where('month', '>=', from);
	if (to && /^\d{4}-\d{2}$/.test(to)) q = q.where('month', '<=', to);
	const rows = await q.execute();
	return json({
		type: 'FeatureCollection',
		features: rows.map((r) => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [Number(r.x), Number(r.y)] },
			properties: { n: Number(r.n), harm: Number(r.harm) }
		}))
	});
};
