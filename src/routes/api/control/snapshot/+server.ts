import { json } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';

/** The control room's resync point: on-duty officers with their last position, and hot spot states. */
export const GET = async () => {
	const ctx = getContext();
	return json({ at: ctx.now(), officers: ctx.fleet.list(), hotspots: ctx.presence.statuses() });
};
