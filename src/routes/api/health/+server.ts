import { json } from '@sveltejs/kit';

export const GET = async ({ locals }) => {
	const { app } = locals;
	await app.db.selectFrom('users').select('id').limit(1).execute();
	return json({ ok: true, database: app.dialect });
};
