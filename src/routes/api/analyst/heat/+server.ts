import { json } from '@sveltejs/kit';
import { heatPoints } from '#lib/server/db/queries/crimes.ts';

/** Crime records aggregated to ~50 m points (count and harm), for the analyst's heat layer. */
export const GET = async ({ url, locals }) => {
	const { app } = locals;
	const from = url.searchParams.get('from');
	const to = url.searchParams.get('to');
	const month = (v: string | null) => (v && /^\d{4}-\d{2}$/.test(v) ? v : null);
	const points = await heatPoints(app.db, { from: month(from), to: month(to) });
	return json({
		type: 'FeatureCollection',
		features: points.map((r) => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
			properties: { n: r.n, harm: r.harm }
		}))
	});
};
