import type { ControlRoomData } from '#lib/realtime/contract.ts';
import { publishedHotspots } from '#lib/server/services/hotspots.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const live = await publishedHotspots(app.db, app.now());
	return {
		basemapStyle: app.config.basemapStyle ?? null,
		set: live ? { id: live.set.id, name: live.set.name, targetIntervalS: live.set.targetIntervalS } : null,
		hotspots: (live?.hotspots ?? []).map((h) => ({ id: h.id, name: h.name, rank: h.rank, polygon: h.polygon, centroid: h.centroid, bbox: h.bbox, windows: h.windows, briefing: h.briefing }))
	} satisfies ControlRoomData;
};
