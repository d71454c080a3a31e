import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationsFor, type Dialect } from '#migrations/index.ts';
import type { DatabaseConfig } from '../config.ts';
import type { Database, Db } from './schema.ts';
import { timedDialect, type TransactionObserver } from './timed-dialect.ts';

export interface DbHandle {
	db: Db;
	dialect: Dialect;
	/** PostgreSQL schema when not the default */
	schema?: string;
	close(): Promise<void>;
}

// pg returns int8 and numeric as strings by default; our times are int8 epoch milliseconds.
const pgTypes = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === 20 || oid === 1700) return (v: string) => Number(v);
		return pg.types.getTypeParser(oid, format as 'text');
	}
};

function quoteIdent(name: string): string {
	if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`invalid schema name "${name}"`);
	return `"${name}"`;
}

export async function openDatabase(config: DatabaseConfig, opts: { poolSize?: number; onTransaction?: TransactionObserver } = {}): Promise<DbHandle> {
	const timed = (d: SqliteDialect | PostgresDialect) => (opts.onTransaction ? timedDialect(d, opts.onTransaction) : d);
	if (config.kind === 'sqlite') {
		if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
		const sqlite = new SQLite(config.path);
		// WAL lets readers run beside the single writer; FULL makes an acknowledged commit durable
		// across power loss (docs/protocol.md, Acks after commit: a fix acked to a phone is in the database).
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('synchronous = FULL');
		sqlite.pragma('busy_timeout = 5000');
		sqlite.pragma('foreign_keys = ON');
		const db = new Kysely<Database>({ dialect: timed(new SqliteDialect({ database: sqlite })) });
		return { db, dialect: 'sqlite', close: () => db.destroy() };
	}
	const url = new URL(config.url);
	url.searchParams.delete('schema');
	const schema = config.schema;
	if (schema) {
		const admin = new pg.Client({ connectionString: url.toString() });
		await admin.connect();
		try {
			// the app's own role may not create schemas: enough that the owner made it
			const exists = await admin.query('select 1 from information_schema.schemata where schema_name = $1', [schema]);
			if (exists.rowCount === 0) await admin.query(`create schema if not exists ${quoteIdent(schema)}`);
		} finally {
			await admin.end();
		}
	}
	const pool = new pg.Pool({
		connectionString: url.toString(),
		max: opts.poolSize ?? 10,
		types: pgTypes,
		options: schema ? `-c search_path=${quoteIdent(schema)}` : undefined
	});
	const db = new Kysely<Database>({ dialect: timed(new PostgresDialect({ pool })) });
	return { db, dialect: 'postgres', schema, close: () => db.destroy() };
}

export async function migrate(handle: DbHandle): Promise<string[]> {
	const migrations = migrationsFor(handle.dialect);
	const migrator = new Migrator({
		db: handle.db,
		provider: { getMigrations: async () => migrations },
		...(handle.schema ? { migrationTableSchema: handle.schema } : {})
	});
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error');
		throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
