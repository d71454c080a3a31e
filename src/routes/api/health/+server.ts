import { json } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';

export const GET = async () => {
	const ctx = getContext();
	await ctx.db.selectFrom('users').select('id').limit(1).execute();
	return json({ ok: true, database: ctx.dialect });
};
