// Real databases and a real server on a free port, for integration tests. Each test file gets
// its own SQLite file and its own PostgreSQL schema, so files can run side by side.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readConfig, type Config, type DatabaseConfig } from '../../src/lib/server/config.ts';
import { startApp, type RunningApp } from '../../src/lib/server/start.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const CI = process.env.CI === 'true' || process.env.CI === '1';

async function postgresAnswers(): Promise<string | null> {
	const c = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
	try {
		await c.connect();
		await c.query('select 1');
		return null;
	} catch (e) {
		return (e as Error).message;
	} finally {
		await c.end().catch(() => {});
	}
}

const pgProblem = await postgresAnswers();
if (pgProblem && CI) throw new Error(`PostgreSQL at ${TEST_DATABASE_URL} does not answer (${pgProblem}); CI must not skip it`);
if (pgProblem) console.warn(`skipping PostgreSQL tests: ${TEST_DATABASE_URL} does not answer (${pgProblem})`);

export interface TestDatabase {
	kind: 'sqlite' | 'postgres';
	/** a fresh, empty database for one test file (or one test) */
	fresh(): DatabaseConfig;
	/** drops what fresh() made */
	cleanup(): Promise<void>;
}

let counter = 0;

function sqliteDatabase(): TestDatabase {
	const dir = mkdtempSync(join(tmpdir(), 'hp-test-'));
	return {
		kind: 'sqlite',
		fresh: () => ({ kind: 'sqlite', path: join(dir, `db-${++counter}.db`) }),
		cleanup: async () => rmSync(dir, { recursive: true, force: true })
	};
}

function postgresDatabase(): TestDatabase {
	const schemas: string[] = [];
	return {
		kind: 'postgres',
		fresh() {
			// worker threads share a pid and may start in the same millisecond: a random part keeps files apart
			const schema = `t_${process.pid}_${randomUUID().slice(0, 8)}_${++counter}`;
			schemas.push(schema);
			return { kind: 'postgres', url: TEST_DATABASE_URL, schema };
		},
		// schemas are dropped by tests/integration/global-setup.ts once every file is done
		async cleanup() {
			schemas.length = 0;
		}
	};
}

/** The databases to run against here: SQLite always; PostgreSQL when it answers (always in CI). */
export function testDatabases(): TestDatabase[] {
	return pgProblem ? [sqliteDatabase()] : [sqliteDatabase(), postgresDatabase()];
}

export function testConfig(database: DatabaseConfig, extra: Record<string, string> = {}): Config {
	return { ...readConfig({ PORT: '0', HOST: '127.0.0.1', ...extra }), database };
}

export interface TestServer extends RunningApp {
	url: string;
	server: Server;
}

/** The realtime server and services on a real port, without the SvelteKit pages. */
export async function startTestServer(config: Config, opts: { now?: () => number } = {}): Promise<TestServer> {
	const server = createServer();
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const app = await startApp(server, config, opts);
	const { port } = server.address() as { port: number };
	return {
		...app,
		server,
		url: `http://127.0.0.1:${port}`,
		async close() {
			await app.close();
			await new Promise<void>((r) => server.close(() => r()));
		}
	};
}
