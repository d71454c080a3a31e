import { json } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';
import { listActivities } from '#lib/server/db/queries/activities.ts';

/** The officer's own activity log of the last 24 hours. */
export const GET = async ({ locals }) => {
	const ctx = getContext();
	const now = ctx.now();
	return json(await listActivities(ctx.db, locals.user!.id, now - 24 * 3600_000, now + 3600_000));
};
