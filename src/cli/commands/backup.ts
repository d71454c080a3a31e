import { resolve } from 'node:path';
import { readConfig } from '../../lib/server/config.ts';
import { backupSqlite, restoreSqlite } from '../../lib/server/db/backup.ts';
import { args, required, UsageError, withDatabase } from '../args.ts';

export const help = `backup --out <file>
  Copies the SQLite database (DATABASE_URL) into a new file with SQLite's online backup, while
  the server runs: the copy is the database as of one moment, every acknowledged fix up to it.
restore --from <file>
  Copies a backup into a fresh database (DATABASE_URL must name a file that does not exist yet),
  checks it and runs any newer migrations. Then run \`audit verify\`, and start the server on it.
On PostgreSQL use pg_dump / pg_restore or point-in-time recovery (README: Backups).`;

function sqlitePath(what: string): string {
	const db = readConfig(process.env).database;
	if (db.kind !== 'sqlite') throw new UsageError(`${what} is for SQLite; on PostgreSQL use pg_dump and pg_restore, or point-in-time recovery (README: Backups)`);
	return db.path;
}

export const run = (argv: string[]) => backupOrRestore(argv, 'backup');

export async function backupOrRestore(argv: string[], name: 'backup' | 'restore'): Promise<number> {
	if (name === 'restore') {
		const { values } = args(argv, { from: { type: 'string' } });
		const from = resolve(required(values.from, '--from'));
		const path = sqlitePath('restore');
		const r = await restoreSqlite(from, path).catch((e: Error) => {
			throw new UsageError(e.message);
		});
		// a backup from an older release is brought up to this one
		await withDatabase(async () => {});
		console.log(`restored ${from} into ${path}: ${r.bytes} bytes; now run \`audit verify\``);
		return 0;
	}
	const { values } = args(argv, { out: { type: 'string' } });
	const out = resolve(required(values.out, '--out'));
	const r = await backupSqlite(sqlitePath('backup'), out).catch((e: Error) => {
		throw new UsageError(e.message);
	});
	console.log(`backed up to ${out}: ${r.bytes} bytes (${r.pages} pages)`);
	return 0;
}
