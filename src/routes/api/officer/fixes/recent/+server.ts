import { json } from '@sveltejs/kit';
import { recentFixesOf } from '#lib/server/db/queries/fix-history.ts';

/** The officer's own fixes of the last 24 hours: what the server holds about their phone. */
export const GET = async ({ locals }) => {
	const { app } = locals;
	const rows = await recentFixesOf(app.db, locals.user!.id, app.now() - 24 * 3600_000, 5000);
	return json(rows);
};
