import { getContext } from '#lib/server/context.ts';
import { publishedHotspots } from '#lib/server/services/hotspots.ts';

export const load = async () => {
	const ctx = getContext();
	const live = await publishedHotspots(ctx.db, ctx.now());
	return {
		basemapStyle: ctx.config.basemapStyle ?? null,
		set: live ? { id: live.set.id, name: live.set.name, targetIntervalS: live.set.targetIntervalS } : null,
		hotspots: (live?.hotspots ?? []).map((h) => ({ id: h.id, name: h.name, rank: h.rank, polygon: h.polygon, centroid: h.centroid, bbox: h.bbox, windows: h.windows }))
	};
};
