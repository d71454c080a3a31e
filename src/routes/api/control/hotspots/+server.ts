import { json } from '@sveltejs/kit';
import { publishedHotspots } from '#lib/server/services/hotspots.ts';

/** The published hot spots as GeoJSON, for wall displays and other tools. */
export const GET = async ({ locals }) => {
	const { app } = locals;
	const live = await publishedHotspots(app.db, app.now());
	return json({
		type: 'FeatureCollection',
		set: live ? { id: live.set.id, name: live.set.name, targetIntervalS: live.set.targetIntervalS } : null,
		features: (live?.hotspots ?? []).map((h) => ({
			type: 'Feature',
			id: h.id,
			geometry: { type: 'Polygon', coordinates: h.polygon },
			properties: { id: h.id, key: h.key, name: h.name, rank: h.rank, windows: h.windows, centroid: h.centroid }
		}))
	});
};
