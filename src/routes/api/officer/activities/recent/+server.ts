import { json } from '@sveltejs/kit';
import { listActivities } from '#lib/server/db/queries/activities.ts';

/** The officer's own activity log of the last 24 hours. */
export const GET = async ({ locals }) => {
	const { app } = locals;
	const now = app.now();
	return json(await listActivities(app.db, locals.user!.id, now - 24 * 3600_000, now + 3600_000));
};
