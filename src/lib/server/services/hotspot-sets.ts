import { gridRank } from '../../domain/hotspots/grid-rank.ts';
import { harmOf, isScored, STARTER_HARM } from '../../domain/hotspots/harm.ts';
import { dayNightWindows } from '../../domain/hotspots/windows.ts';
import { crimePoints } from '../db/queries/crimes.ts';
import { insertHotspots, insertHotspotSet, publishHotspotSet } from '../db/queries/hotspots.ts';
import type { AppContext } from '../context.ts';
import { invalidatePublishedHotspots } from './hotspots.ts';

/** The walking skeleton's set: the top 150 m cells by harm, published at once. */
export async function computeFirstHotspotSet(ctx: AppContext, opts: { name: string; top: number; cellM?: number }) {
	const points = (await crimePoints(ctx.db)).filter((p) => isScored(STARTER_HARM, p.category));
	const features = gridRank(
		points.map((p) => ({ lon: p.lon, lat: p.lat, category: p.category, t: p.occurred_at, month: p.month, location: p.location })),
		{ cellM: opts.cellM ?? 150, top: opts.top, harm: (c) => harmOf(STARTER_HARM, c), windows: dayNightWindows(ctx.config.timezone) }
	);
	const now = ctx.now();
	const setId = await ctx.db.transaction().execute(async (tx) => {
		const id = await insertHotspotSet(tx, { name: opts.name, params: { method: 'grid-rank', cellM: opts.cellM ?? 150, top: opts.top }, targetIntervalMinutes: 240, createdBy: null }, now);
		await insertHotspots(tx, id, features.map((f) => ({ ...f, briefing: '' })));
		await publishHotspotSet(tx, id, now);
		return id;
	});
	invalidatePublishedHotspots(ctx.db);
	return setId;
}
