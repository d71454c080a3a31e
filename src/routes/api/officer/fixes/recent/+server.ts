import { json } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';

/** The officer's own fixes of the last 24 hours: what the server holds about their phone. */
export const GET = async ({ locals }) => {
	const ctx = getContext();
	const rows = await ctx.db
		.selectFrom('fixes')
		.select(['id', 't', 'lat', 'lon', 'accuracy', 'speed', 'heading', 'quality', 'source'])
		.where('officer_id', '=', locals.user!.id)
		.where('t', '>=', ctx.now() - 24 * 3600_000)
		.orderBy('t', 'desc')
		.limit(5000)
		.execute();
	return json(rows);
};
