import { sql, type Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// An audit row cannot be written over. SQLite's INSERT OR REPLACE deletes the old row without
// firing DELETE triggers (unless a connection sets recursive_triggers), so the UPDATE/DELETE
// triggers of 20261127T020000Z never saw it; a BEFORE INSERT trigger refusing an id already held
// works from any connection. PostgreSQL gets the same (it also covers INSERT … ON CONFLICT).
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	if (dialect === 'sqlite') {
		await sql
			.raw(
				`CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: id already used'); END`
			)
			.execute(db);
	} else {
		// the table is named through the trigger's own schema: a client with another search_path
		// (psql on the bare database) must meet the same check on the same table
		await sql`CREATE OR REPLACE FUNCTION audit_log_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
			DECLARE taken boolean;
			BEGIN
				EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I WHERE id = $1)', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO taken USING NEW.id;
				IF taken THEN RAISE EXCEPTION 'audit_log is append-only: id already used'; END IF;
				RETURN NEW;
			END $$`.execute(db);
		await sql`CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_no_replace()`.execute(db);
	}
}
