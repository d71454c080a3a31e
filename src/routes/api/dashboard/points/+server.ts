import { error, json } from '@sveltejs/kit';
import { pointsIn, selector } from '#lib/domain/dashboard/aggregate.ts';
import { monthLabel } from '#lib/domain/hotspots/columns.ts';
import { filtered } from '#lib/server/services/dashboard-view.ts';

const LIMIT = 5_000;

/** The filtered records inside the map's view, as points, for when the map is zoomed in. */
export const GET = async ({ url, locals }) => {
	const box = (url.searchParams.get('bbox') ?? '').split(',').map(Number);
	if (box.length !== 4 || !box.every(Number.isFinite) || box[0] >= box[2] || box[1] >= box[3]) error(400, 'bbox: west,south,east,north');
	const f = await filtered(locals.app, url.searchParams);
	const s = f.loaded.store;
	const found = pointsIn(s, selector(s, f.filter, f.hotspotOf), box as [number, number, number, number], LIMIT);
	return json({
		type: 'FeatureCollection',
		total: found.total,
		features: found.indexes.map((i) => ({
			type: 'Feature',
			id: s.id[i],
			geometry: { type: 'Point', coordinates: [s.lon[i], s.lat[i]] },
			properties: { id: s.id[i], category: s.categories[s.cat[i]], month: monthLabel(s.month[i]), at: Number.isNaN(s.t[i]) ? null : s.t[i] }
		}))
	});
};
