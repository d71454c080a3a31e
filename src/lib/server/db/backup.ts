// SQLite backups through SQLite's online backup API (better-sqlite3's db.backup()), from a
// connection of their own: the server keeps writing meanwhile. The pages are copied in one step,
// inside one read transaction, so the copy is the database as of one commit — every fix acked
// before the backup began is in it. PostgreSQL has its own tools (README: Backups).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';

export interface BackupResult {
	pages: number;
	bytes: number;
}

export async function backupSqlite(path: string, out: string): Promise<BackupResult> {
	if (existsSync(out)) throw new Error(`${out} already exists: back up into a new file`);
	if (!existsSync(dirname(out))) throw new Error(`${dirname(out)}: no such directory`);
	const source = new SQLite(path, { readonly: true, fileMustExist: true });
	try {
		source.pragma('busy_timeout = 5000');
		// all remaining pages in one step: a commit between steps would restart the copy
		const r = await source.backup(out, { progress: () => 0x7fffffff });
		return { pages: r.totalPages, bytes: statSync(out).size };
	} finally {
		source.close();
	}
}

/** Why `file` is not a backup of this app's database, or null when it is one. */
export function notABackup(file: string): string | null {
	let db: SQLite.Database | null = null;
	try {
		db = new SQLite(file, { readonly: true, fileMustExist: true });
		const ok = db.pragma('integrity_check', { simple: true });
		if (ok !== 'ok') return `SQLite's integrity check failed: ${String(ok)}`;
		const tables = new Set((db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((t) => t.name));
		for (const t of ['kysely_migration', 'fixes', 'audit_log']) if (!tables.has(t)) return `no ${t} table: not a Hotspot Patrol database`;
		return null;
	} catch (e) {
		return (e as Error).message;
	} finally {
		db?.close();
	}
}

/** Copies a backup into a database file that does not exist yet (never over a live one). */
export async function restoreSqlite(from: string, path: string): Promise<BackupResult> {
	if (existsSync(`${path}-wal`)) throw new Error(`${path}-wal is left from an earlier database: move it away first`);
	if (existsSync(path) && statSync(path).size > 0) throw new Error(`${path} already exists: restore into a fresh database (move the old file away, or point DATABASE_URL at a new one)`);
	const problem = notABackup(from);
	if (problem) throw new Error(`${from}: ${problem}`);
	mkdirSync(dirname(path), { recursive: true });
	const source = new SQLite(from, { readonly: true, fileMustExist: true });
	try {
		const r = await source.backup(path, { progress: () => 0x7fffffff });
		return { pages: r.totalPages, bytes: statSync(path).size };
	} finally {
		source.close();
	}
}
