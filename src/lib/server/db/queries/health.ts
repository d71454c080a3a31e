import type { Db } from '../schema.ts';

/** One cheap read: the database answers and the schema is there. */
export async function databaseAnswers(db: Db): Promise<void> {
	await db.selectFrom('users').select('id').limit(1).execute();
}
