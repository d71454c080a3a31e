import { sql, type Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// The audit log becomes append-only in the database itself (triggers refuse UPDATE, DELETE and,
// on PostgreSQL, TRUNCATE; the app's role also loses those privileges when migrations run as the
// owner), and users gain what login lockout and TOTP need.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	if (dialect === 'sqlite') {
		for (const op of ['UPDATE', 'DELETE']) {
			await sql
				.raw(`CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
				.execute(db);
		}
	} else {
		await sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
		await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
		await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
	}
	await db.schema.alterTable('users').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('users').addColumn('locked_until', 'bigint').execute();
	await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
	await db.schema.createIndex('audit_log_operation').on('audit_log').columns(['operation', 'at']).execute();
}
