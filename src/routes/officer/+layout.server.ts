import { getContext } from '#lib/server/context.ts';
import { isOnDuty } from '#lib/server/services/duty.ts';
import { publishedHotspots } from '#lib/server/services/hotspots.ts';

export const load = async ({ locals }) => {
	const ctx = getContext();
	const live = await publishedHotspots(ctx.db, ctx.now());
	return {
		officer: { id: locals.user!.id, callsign: locals.user!.callsign, name: locals.user!.displayName },
		onDuty: await isOnDuty(ctx, locals.user!.id),
		hotspots: (live?.hotspots ?? []).map((h) => ({
			id: h.id,
			name: h.name,
			rank: h.rank,
			centroid: h.centroid,
			why: h.why,
			briefing: h.briefing,
			windows: h.windows
		}))
	};
};
