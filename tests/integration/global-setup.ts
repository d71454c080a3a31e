// Test schemas are dropped once, after every integration file has finished: dropping one while
// another file's migrator introspects the catalogue makes PostgreSQL fail that other query
// ("schema … does not exist"). Leftovers of an interrupted run go at the start.
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function dropTestSchemas(): Promise<void> {
	const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	try {
		await c.connect();
	} catch {
		return; // no PostgreSQL: the harness reports that (and fails in CI)
	}
	try {
		const { rows } = await c.query(`select nspname from pg_namespace where nspname like 't\\_%\\_%\\_%'`);
		for (const r of rows) await c.query(`drop schema if exists "${r.nspname}" cascade`);
	} finally {
		await c.end();
	}
}

export async function setup(): Promise<() => Promise<void>> {
	await dropTestSchemas();
	return dropTestSchemas;
}
