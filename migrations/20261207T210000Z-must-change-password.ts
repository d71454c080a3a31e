import type { Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// A password set by an administrator (a new account's, or a reset) is temporary: the user must
// choose their own at the next login, so the administrator never knows a password in use.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
	await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
