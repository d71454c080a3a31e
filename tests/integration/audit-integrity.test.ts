// The audit log against someone with database access, on both databases: a row cannot be written
// over from any connection (SQLite's INSERT OR REPLACE, PostgreSQL's upsert and TRUNCATE), and
// with AUDIT_KEY a log re-chained with the plain algorithm, or under another key, is found.
// Also the migration that leaves each officer at most one open duty period.
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../migrations/index.ts';
import type { DatabaseConfig } from '../../src/lib/server/config.ts';
import { openDatabase } from '../../src/lib/server/db/connect.ts';
import type { Db } from '../../src/lib/server/db/schema.ts';
import { rowHash } from '../../src/lib/server/services/audit-chain.ts';
import { audit, auditAnchor, checkAnchor, verifyAuditChain } from '../../src/lib/server/services/audit.ts';
import { cli, databaseUrl, lastLine } from './cli-process.ts';
import { startTestServer, testConfig, testDatabases, TEST_DATABASE_URL } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const KEY = randomBytes(32);
const entry = (i: number) => ({ actor: { id: null, name: 'test' }, operation: 'consultation' as const, subject: `thing:${i}`, detail: { n: i } });

/** Switches the append-only triggers off (as an owner could), runs `fn`, switches them on again. */
async function withoutGuards(db: Db, kind: string, fn: () => Promise<void>): Promise<void> {
	const names = ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_no_replace'];
	const saved = kind === 'sqlite' ? (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'trigger'`.execute(db)).rows.filter((t) => names.includes(t.name)) : [];
	if (kind === 'sqlite') {
		for (const t of saved) await sql.raw(`DROP TRIGGER ${t.name}`).execute(db);
	} else await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
	try {
		await fn();
	} finally {
		if (kind === 'sqlite') {
			for (const t of saved) await sql.raw(t.sql).execute(db);
		} else await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db);
	}
}

/** What someone without the key does after editing a row: recompute every hash from there on. */
async function rechain(db: Db, fromId: number, toId = Infinity): Promise<void> {
	const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
	let prev = '0'.repeat(64);
	for (const r of rows) {
		if (r.id >= fromId && r.id <= toId) {
			const hash = rowHash(prev, r, null);
			await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('id', '=', r.id).execute();
			prev = hash;
		} else prev = r.hash;
	}
}

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (kind, database) => {
	it('refuses to write over an audit row from a separate raw connection', async () => {
		const config = database.fresh();
		const server = await startTestServer(testConfig(config));
		try {
			for (let i = 1; i <= 3; i++) await audit(server.app.db, entry(i), Date.now());
			const before = await server.app.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
			const forged = [before[0].id, Date.now(), null, 'test', 'consultation', 'thing:1', '{"n":"forged"}', null, before[0].prev_hash, before[0].hash];
			if (config.kind === 'sqlite') {
				// another process's connection: none of the app's pragmas, recursive_triggers off
				const raw = new SQLite(config.path);
				try {
					const cols = '(id, at, actor_id, actor, operation, subject, detail, recipients, prev_hash, hash)';
					for (const verb of ['INSERT OR REPLACE INTO', 'REPLACE INTO']) expect(() => raw.prepare(`${verb} audit_log ${cols} VALUES (?,?,?,?,?,?,?,?,?,?)`).run(...forged)).toThrow(/append-only/);
					expect(() => raw.prepare(`INSERT INTO audit_log ${cols} VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET detail = excluded.detail`).run(...forged)).toThrow(/append-only/);
					expect(() => raw.prepare('UPDATE OR REPLACE audit_log SET detail = ? WHERE id = ?').run('{}', before[0].id)).toThrow(/append-only/);
					expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
				} finally {
					raw.close();
				}
			} else {
				// as psql would: a plain client on the database, the table named by its schema
				const raw = new pg.Client({ connectionString: TEST_DATABASE_URL });
				await raw.connect();
				try {
					const table = `"${config.schema}".audit_log`;
					const cols = '(id, at, actor_id, actor, operation, subject, detail, recipients, prev_hash, hash)';
					const values = 'VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)';
					for (const statement of [
						`INSERT INTO ${table} ${cols} ${values} ON CONFLICT (id) DO UPDATE SET detail = excluded.detail`,
						`INSERT INTO ${table} ${cols} OVERRIDING SYSTEM VALUE ${values} ON CONFLICT (id) DO UPDATE SET detail = excluded.detail, hash = excluded.hash`
					])
						await expect(raw.query(statement, forged)).rejects.toThrow(/append-only/);
					for (const statement of [`TRUNCATE ${table}`, `DELETE FROM ${table}`, `UPDATE ${table} SET detail = '{}'`]) await expect(raw.query(statement)).rejects.toThrow(/append-only/);
				} finally {
					await raw.end();
				}
			}
			expect(await server.app.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(before);
			expect(await verifyAuditChain(server.app.db)).toMatchObject({ ok: true, rows: 3 });
		} finally {
			await server.close();
		}
	});

	it('with AUDIT_KEY, finds a log re-chained without the key, or under another key; an anchor finds a cut tail', async () => {
		const server = await startTestServer(testConfig(database.fresh(), { AUDIT_KEY: KEY.toString('base64') }));
		const db = server.app.db;
		try {
			for (let i = 1; i <= 6; i++) await audit(db, entry(i), Date.now());
			expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 6, keyed: true, unkeyedRows: 0 });
			const rows = await db.selectFrom('audit_log').select('id').orderBy('id').execute();
			const anchor = (await auditAnchor(db))!;
			expect(anchor.id).toBe(rows[5].id);
			// another key, or none, cannot vouch for these rows
			expect(await verifyAuditChain(db, { key: randomBytes(32) })).toMatchObject({ ok: false, brokenAt: rows[0].id });
			expect(await verifyAuditChain(db, { key: null })).toMatchObject({ ok: false, brokenAt: rows[0].id });

			await withoutGuards(db, kind, async () => {
				// row 4 edited and the chain recomputed from it with plain SHA-256: links all match
				await db.updateTable('audit_log').set({ detail: '{"n":"nothing to see"}' }).where('id', '=', rows[3].id).execute();
				await rechain(db, rows[3].id);
				expect(await verifyAuditChain(db, { key: null })).toMatchObject({ ok: false, brokenAt: rows[0].id });
				expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: rows[3].id, reason: expect.stringMatching(/not signed with AUDIT_KEY/) });
				// the whole log re-chained: nothing is signed any more
				await rechain(db, rows[0].id);
				expect(await verifyAuditChain(db, { key: null })).toMatchObject({ ok: true });
				expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: rows[0].id, reason: expect.stringMatching(/no row is signed/) });
			});
			expect(await checkAnchor(db, anchor)).toMatch(/not have the anchored hash/);
			await withoutGuards(db, kind, async () => {
				await db.deleteFrom('audit_log').where('id', '>=', rows[4].id).execute();
			});
			expect(await checkAnchor(db, anchor)).toMatch(/missing/);
		} finally {
			await server.close();
		}
	});

	it('signs from the moment AUDIT_KEY is set: older plain rows are covered by the first signed row', async () => {
		const config = database.fresh();
		const plain = await startTestServer(testConfig(config));
		for (let i = 1; i <= 3; i++) await audit(plain.app.db, entry(i), Date.now());
		await plain.close();
		const keyed = await startTestServer(testConfig(config, { AUDIT_KEY: KEY.toString('hex') }));
		const db = keyed.app.db;
		try {
			// the start itself seals the plain rows with one signed row that says so
			const seal = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
			expect([seal.subject, JSON.parse(seal.detail)]).toEqual(['audit-log', { event: 'signed with AUDIT_KEY from here', rowsBefore: 3 }]);
			await audit(db, entry(4), Date.now());
			expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 5, keyed: true, unkeyedRows: 3 });
			// an edited plain row, the plain rows re-chained after it: the signed row's link no longer fits
			const first = await db.selectFrom('audit_log').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
			await withoutGuards(db, kind, async () => {
				await db.updateTable('audit_log').set({ detail: '{"n":0}' }).where('id', '=', first.id).execute();
				await rechain(db, first.id, seal.id - 1);
			});
			expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: seal.id });
		} finally {
			await keyed.close();
		}
	});

	it('anchors and verifies from the command line with the same AUDIT_KEY; an anchor finds a cut tail', async () => {
		const config = database.fresh();
		const server = await startTestServer(testConfig(config, { AUDIT_KEY: KEY.toString('base64') }));
		const db = server.app.db;
		try {
			for (let i = 1; i <= 3; i++) await audit(db, entry(i), Date.now());
			const env = { DATABASE_URL: databaseUrl(config), AUDIT_KEY: KEY.toString('base64') };
			const anchored = await cli(env, 'audit', 'anchor');
			expect(anchored.code).toBe(0);
			const anchor = lastLine(anchored.stdout);
			const newest = (await auditAnchor(db))!;
			expect(anchor).toBe(`${newest.id}:${newest.hash}`);
			const ok = await cli(env, 'audit', 'verify', '--anchor', anchor);
			expect([ok.code, lastLine(ok.stdout)]).toEqual([0, expect.stringMatching(/^audit log intact: 3 rows, signed with AUDIT_KEY, anchor row \d+ present/)]);
			// without the key, signed rows cannot be checked: said, and exit 1
			const keyless = await cli({ DATABASE_URL: env.DATABASE_URL, AUDIT_KEY: '' }, 'audit', 'verify');
			expect([keyless.code, keyless.stderr]).toEqual([1, expect.stringMatching(/broken at row \d+: .*AUDIT_KEY this process does not hold/)]);
			await withoutGuards(db, kind, async () => {
				await db.deleteFrom('audit_log').where('id', '=', newest.id).execute();
			});
			// the chain that is left is whole; only the anchor shows its end was cut
			expect((await cli(env, 'audit', 'verify')).code).toBe(0);
			const cut = await cli(env, 'audit', 'verify', '--anchor', anchor);
			expect([cut.code, cut.stderr]).toEqual([1, expect.stringMatching(/missing/)]);
		} finally {
			await server.close();
		}
	});

	it('leaves each officer one open duty period when migrating, closing older ones at the next start', async () => {
		const config: DatabaseConfig = database.fresh();
		const h = await openDatabase(config);
		try {
			const migrations = migrationsFor(h.dialect);
			const migrator = new Migrator({ db: h.db, provider: { getMigrations: async () => migrations }, ...(h.schema ? { migrationTableSchema: h.schema } : {}) });
			expect((await migrator.migrateTo('20261127T020000Z-security')).error).toBeUndefined();
			const ids: number[] = [];
			for (const name of ['pc-1', 'pc-2']) {
				const u = await h.db.insertInto('users').values({ username: name, display_name: name, role: 'officer', disabled: 0, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
				ids.push(u.id);
			}
			await h.db
				.insertInto('duty_periods')
				.values([
					{ user_id: ids[0], started_at: 300, ended_at: null },
					{ user_id: ids[0], started_at: 100, ended_at: null },
					{ user_id: ids[0], started_at: 50, ended_at: 80 },
					{ user_id: ids[0], started_at: 200, ended_at: null },
					{ user_id: ids[1], started_at: 150, ended_at: null }
				])
				.execute();
			expect((await migrator.migrateToLatest()).error).toBeUndefined();
			const periods = await h.db.selectFrom('duty_periods').select(['user_id', 'started_at', 'ended_at']).orderBy('user_id').orderBy('started_at').execute();
			expect(periods.map((p) => [p.user_id, Number(p.started_at), p.ended_at === null ? null : Number(p.ended_at)])).toEqual([
				[ids[0], 50, 80],
				[ids[0], 100, 200],
				[ids[0], 200, 300],
				[ids[0], 300, null],
				[ids[1], 150, null]
			]);
		} finally {
			await h.close();
		}
	});
});
