// The app's database as the server and the CLI open it: migrated first (as the owner when
// MIGRATION_DATABASE_URL is set, then the app's role granted its rights), and carrying AUDIT_KEY
// so every audit row written through it is signed.
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { withAuditKey } from './audit-key.ts';
import { migrate, openDatabase, type DbHandle } from './connect.ts';
import type { TransactionObserver } from './timed-dialect.ts';
import type { Log } from '../log.ts';

/**
 * PostgreSQL with a separate owner: the app's role may read and write every table except the
 * audit log, which it may only read and append to (Data Protection Act 2018 s.62 logs must not be
 * altered by the system that writes them).
 */
async function grantAppRole(owner: DbHandle, config: Config, warn: (msg: string) => void): Promise<void> {
	if (owner.dialect !== 'postgres' || config.database.kind !== 'postgres') return;
	const app = decodeURIComponent(new URL(config.database.url).username);
	const ownerRole = config.migrationDatabase?.kind === 'postgres' ? decodeURIComponent(new URL(config.migrationDatabase.url).username) : '';
	if (!app || app === ownerRole) {
		warn('database: the app connects as the owner; the audit log is protected by triggers only');
		return;
	}
	const role = sql.id(app);
	const schema = sql.id(config.database.schema ?? 'public');
	await sql`grant usage on schema ${schema} to ${role}`.execute(owner.db);
	await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`.execute(owner.db);
	await sql`grant usage, select on all sequences in schema ${schema} to ${role}`.execute(owner.db);
	await sql`revoke update, delete, truncate on audit_log from ${role}`.execute(owner.db);
}

export interface OpenOptions {
	/** run pending migrations first (default true) */
	migrate?: boolean;
	/** after migrating as the owner, grant the app's role its rights (the server does; the CLI never has) */
	grant?: boolean;
	/** where a warning goes (the App's log; else the console) */
	log?: Pick<Log, 'warn'>;
	/** told the length of every transaction (the metrics) */
	onTransaction?: TransactionObserver;
}

export async function openAppDatabase(config: Config, opts: OpenOptions = {}): Promise<DbHandle> {
	if (opts.migrate !== false && config.migrationDatabase) {
		// PostgreSQL: migrations run as the owner; the app's own role may lack DDL rights
		const owner = await openDatabase(config.migrationDatabase);
		try {
			await migrate(owner);
			if (opts.grant) await grantAppRole(owner, config, (m) => (opts.log ? opts.log.warn(m) : console.warn(m)));
		} finally {
			await owner.close();
		}
	}
	const opened = await openDatabase(config.database, { onTransaction: opts.onTransaction });
	if (opts.migrate !== false && !config.migrationDatabase) await migrate(opened);
	// every audit row this process writes is signed with AUDIT_KEY, whichever service writes it
	return { ...opened, db: withAuditKey(opened.db, config.auditKey) };
}
