import { json } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';
import { publishedHotspots } from '#lib/server/services/hotspots.ts';

/** The published hot spots as GeoJSON, for wall displays and other tools. */
export const GET = async () => {
	const ctx = getContext();
	const live = await publishedHotspots(ctx.db, ctx.now());
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
