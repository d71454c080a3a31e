import { sql } from 'kysely';
import type { Db } from '../schema.ts';

/** One cheap read: the database answers and the schema is there. */
export async function databaseAnswers(db: Db): Promise<void> {
	await db.selectFrom('users').select('id').limit(1).execute();
}

/** The migrations recorded as run (Kysely's table, in the connection's schema). */
export async function appliedMigrations(db: Db): Promise<Set<string>> {
	const r = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
	return new Set(r.rows.map((x) => x.name));
}
