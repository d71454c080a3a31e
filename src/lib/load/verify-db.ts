// After a run: is every fix the server acknowledged really in the `fixes` table? Read only, with
// the drivers directly, so the check does not lean on the code it is checking.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { SeqSet } from './pending.ts';
import { fixId } from './walk.ts';

const BATCH = 10_000;

export async function countMissing(dbUrl: string, prefix: string, acked: SeqSet): Promise<number> {
	const lookup = dbUrl.startsWith('sqlite:') ? sqliteCounter(dbUrl.slice('sqlite:'.length)) : await postgresCounter(dbUrl);
	let missing = 0;
	try {
		let ids: string[] = [];
		for (const seq of acked.values()) {
			ids.push(fixId(prefix, seq));
			if (ids.length === BATCH) {
				missing += ids.length - (await lookup.count(ids));
				ids = [];
			}
		}
		if (ids.length) missing += ids.length - (await lookup.count(ids));
	} finally {
		await lookup.close();
	}
	return missing;
}

/** The database URL forms the server takes (README: Configuration); a bad one is named. */
export function checkDbUrl(url: string, flag: string): string {
	if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length) return url;
	if (/^postgres(ql)?:\/\//.test(url)) {
		try {
			new URL(url);
			return url;
		} catch {
			/* named below */
		}
	}
	throw new Error(`${flag}: expected postgres://… or sqlite:<path>, got "${url}"`);
}

interface Counter {
	count(ids: string[]): Promise<number>;
	close(): Promise<void>;
}

function sqliteCounter(path: string): Counter {
	const db = new SQLite(path, { readonly: true, fileMustExist: true });
	const stmt = db.prepare<[string], { n: number }>('select count(*) as n from fixes where id in (select value from json_each(?))');
	return {
		count: async (ids) => stmt.get(JSON.stringify(ids))!.n,
		close: async () => void db.close()
	};
}

async function postgresCounter(raw: string): Promise<Counter> {
	const url = new URL(raw);
	const schema = url.searchParams.get('schema');
	url.searchParams.delete('schema');
	const client = new pg.Client({ connectionString: url.toString() });
	await client.connect();
	await client.query('set default_transaction_read_only = on');
	if (schema) await client.query(`select set_config('search_path', $1, false)`, [schema]);
	return {
		count: async (ids) => (await client.query<{ n: number }>('select count(*)::int as n from fixes where id = any($1::text[])', [ids])).rows[0].n,
		close: () => client.end()
	};
}
