import { json } from '@sveltejs/kit';

/** The officer's own fixes of the last 24 hours: what the server holds about their phone. */
export const GET = async ({ locals }) => {
	const { app } = locals;
	const rows = await app.db
		.selectFrom('fixes')
		.select(['id', 't', 'lat', 'lon', 'accuracy', 'speed', 'heading', 'quality', 'source'])
		.where('officer_id', '=', locals.user!.id)
		.where('t', '>=', app.now() - 24 * 3600_000)
		.orderBy('t', 'desc')
		.limit(5000)
		.execute();
	return json(rows);
};
