import { json } from '@sveltejs/kit';
import { databaseAnswers } from '#lib/server/db/queries/health.ts';

export const GET = async ({ locals }) => {
	const { app } = locals;
	await databaseAnswers(app.db);
	return json({ ok: true, database: app.dialect });
};
