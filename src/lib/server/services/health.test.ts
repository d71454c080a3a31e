import { describe, expect, it } from 'vitest';
import { notReady, type ReadyDeps } from './health.ts';

// the database is never asked when an earlier check already says no: a draining node answers at once
const db = new Proxy({}, { get: () => { throw new Error('the database was asked'); } }) as ReadyDeps['db'];

describe('notReady', () => {
	it('says draining from SIGTERM on, before anything else', async () => {
		expect(await notReady({ db, dialect: 'sqlite', cluster: null, lifecycle: { draining: true } })).toBe('draining');
	});
	it('says so while Redis is configured and away', async () => {
		const cluster = { state: { degraded: true } } as unknown as ReadyDeps['cluster'];
		expect(await notReady({ db, dialect: 'sqlite', cluster, lifecycle: { draining: false } })).toBe('redis unreachable');
	});
	it('names a database that fails, for the log', async () => {
		expect(await notReady({ db, dialect: 'sqlite', cluster: null, lifecycle: { draining: false } })).toBe('database: the database was asked');
	});
});
