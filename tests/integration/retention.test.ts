// Retention on both databases: old and new rows of every data class, one run, and exactly the old
// ones gone, counted right, with one erasure row per class in the audit log that says how many
// and before when, and nothing of what was erased.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeEach, afterEach, describe, expect, it, vi } from 'vitest';
import { migrate, openDatabase, type DbHandle } from '../../src/lib/server/db/connect.ts';
import type { Db } from '../../src/lib/server/db/schema.ts';
import { createUser } from '../../src/lib/server/services/auth.ts';
import { verifyAuditChain } from '../../src/lib/server/services/audit.ts';
import { applyRetention, countRetention, parseRetention, RETENTION_CLASSES, startRetention } from '../../src/lib/server/services/retention.ts';
import { testDatabases } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const root = new URL('../..', import.meta.url).pathname;
const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 27, 12);
const ago = (days: number) => now - days * DAY;
// crime kept 24 months: records before 2024-11 go
const policy = parseRetention({ RETENTION_CRIME_MONTHS: '24' });

const ids = async (db: Db, table: 'fixes' | 'visits' | 'activities' | 'taskings' | 'sessions') =>
	(await db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => String(r.id));
const crimeVersion = async (db: Db) => Number((await db.selectFrom('meta').select('value').where('key', '=', 'crime_version').executeTakeFirstOrThrow()).value);
const erasures = async (db: Db) =>
	(await db.selectFrom('audit_log').selectAll().where('operation', '=', 'erasure').orderBy('id').execute()).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));

async function seed(db: Db): Promise<void> {
	const pc = (await createUser(db, { username: 'pc-ret', role: 'officer', callsign: 'TV-9' }, ago(900))).id;
	const fix = (id: string, received: number, t = received) => ({ id, officer_id: pc, t, received_at: received, lat: 51.7523, lon: -1.2577, accuracy: 8, speed: null, heading: null, quality: 'ok', source: 'web' });
	await db
		.insertInto('fixes')
		.values([
			...[1, 2, 3, 4, 5].map((i) => fix(`fix-old-${i}`, ago(31) - i * 60_000)),
			fix('fix-new', ago(30)),
			// device time long ago, received yesterday (a phone that was offline): kept from when it came in
			fix('fix-late', ago(1), ago(40))
		])
		.execute();
	const visit = (id: string, end: number, open = 0) => ({ id, officer_id: pc, hotspot_id: 1, start_t: end - 15 * 60_000, end_t: end, minutes: 15, unknown_minutes: 0, mode: 'foot' as const, stops: 1, dose: 1, open, updated_at: end });
	await db.insertInto('visits').values([visit('visit-old', ago(731)), visit('visit-new', ago(700)), visit('visit-open', ago(731), 1)]).execute();
	const activity = (id: string, t: number) => ({ id, officer_id: pc, hotspot_id: 1, t, kind: 'visible-presence', note: 'spoke to door staff', received_at: t });
	await db.insertInto('activities').values([activity('act-old', ago(731)), activity('act-new', ago(10))]).execute();
	const tasking = (id: string, at: number) => ({ id, officer_id: pc, hotspot_id: 1, created_by: null, created_at: at, kind: 'self' as const, status: 'done' as const, note: null, responded_at: at });
	await db.insertInto('taskings').values([tasking('task-old', ago(731)), tasking('task-new', ago(729))]).execute();
	await db
		.insertInto('duty_periods')
		.values([
			{ user_id: pc, started_at: ago(732), ended_at: ago(731) },
			{ user_id: pc, started_at: ago(731), ended_at: null },
			{ user_id: pc, started_at: ago(2), ended_at: ago(1) }
		])
		.execute();
	const session = (id: string, expires: number) => ({ id, user_id: pc, created_at: expires - 12 * 3600_000, last_seen_at: expires - 3600_000, expires_at: expires });
	await db.insertInto('sessions').values([session('sess-old', ago(31)), session('sess-recent', ago(5)), session('sess-live', now + 3600_000)]).execute();

	const record = (sourceId: string, month: string) => ({
		import_id: null, source: 'force', source_id: sourceId, month, occurred_at: null, lon: -1.2577, lat: 51.7523, category: 'Robbery',
		offence_code: null, location: 'On or near High Street', lsoa_code: null, lsoa_name: null, outcome: null, context: null, harm: 365
	});
	await db.insertInto('crime_records').values([record('c-2024-09', '2024-09'), record('c-2024-10', '2024-10'), record('c-2024-11', '2024-11'), record('c-2026-10', '2026-10')]).execute();
	const crime = Object.fromEntries((await db.selectFrom('crime_records').select(['id', 'source_id']).execute()).map((r) => [r.source_id, r.id]));
	const person = (ref: string, name: string | null) => ({ source: 'force', ref, name, dob: '1990-01-01' });
	await db.insertInto('persons').values([person('P-OLD', 'Alex Oldham'), person('P-BOTH', 'Sam Both'), person('P-NEW', 'Kim New'), person('P-NONE', null)]).execute();
	const p = Object.fromEntries((await db.selectFrom('persons').select(['id', 'ref']).execute()).map((r) => [r.ref, r.id]));
	await db
		.insertInto('crime_persons')
		.values([
			{ crime_id: crime['c-2024-09'], person_id: p['P-OLD'], role: 'suspect' },
			{ crime_id: crime['c-2024-10'], person_id: p['P-OLD'], role: 'victim' },
			{ crime_id: crime['c-2024-10'], person_id: p['P-BOTH'], role: 'suspect' },
			{ crime_id: crime['c-2026-10'], person_id: p['P-BOTH'], role: 'suspect' },
			{ crime_id: crime['c-2026-10'], person_id: p['P-NEW'], role: 'witness' }
		])
		.execute();
}

const EXPECTED = { fixes: 5, visits: 1, activities: 1, taskings: 1, 'duty-periods': 1, sessions: 1, 'crime-records': 2, persons: 1 };

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let h: DbHandle;

	beforeEach(async () => {
		h = await openDatabase(database.fresh());
		await migrate(h);
		await seed(h.db);
	});

	afterEach(async () => {
		await h.close();
	});

	it('counts what would go without changing anything (the dry run)', async () => {
		const before = await ids(h.db, 'fixes');
		expect(await countRetention(h.db, policy, now)).toEqual(EXPECTED);
		expect(await ids(h.db, 'fixes')).toEqual(before);
		expect(await erasures(h.db)).toEqual([]);
	});

	it('erases exactly the old rows of each class, in batches, and counts them', async () => {
		const version = await crimeVersion(h.db);
		// a batch of 2 makes every class with more than one old row take several batches
		expect(await applyRetention(h.db, policy, now, { batchSize: 2 })).toEqual(EXPECTED);
		const db = h.db;
		expect(await ids(db, 'fixes')).toEqual(['fix-late', 'fix-new']);
		expect(await ids(db, 'visits')).toEqual(['visit-new', 'visit-open']);
		expect(await ids(db, 'activities')).toEqual(['act-new']);
		expect(await ids(db, 'taskings')).toEqual(['task-new']);
		expect(await ids(db, 'sessions')).toEqual(['sess-live', 'sess-recent']);
		const duty = await db.selectFrom('duty_periods').select(['started_at', 'ended_at']).orderBy('started_at').execute();
		expect(duty.map((d) => [Number(d.started_at), d.ended_at === null ? null : Number(d.ended_at)])).toEqual([[ago(731), null], [ago(2), ago(1)]]);
		expect((await db.selectFrom('crime_records').select('month').orderBy('month').execute()).map((r) => r.month)).toEqual(['2024-11', '2026-10']);
		// the person linked only to erased records goes; one with a later record keeps that link; one never linked is not ours to judge
		expect((await db.selectFrom('persons').select('ref').orderBy('ref').execute()).map((r) => r.ref)).toEqual(['P-BOTH', 'P-NEW', 'P-NONE']);
		const links = await db.selectFrom('crime_persons').innerJoin('persons', 'persons.id', 'crime_persons.person_id').innerJoin('crime_records', 'crime_records.id', 'crime_persons.crime_id').select(['persons.ref', 'crime_records.month']).orderBy('persons.ref').execute();
		expect(links).toEqual([{ ref: 'P-BOTH', month: '2026-10' }, { ref: 'P-NEW', month: '2026-10' }]);
		// dashboards on every node reload their records
		expect(await crimeVersion(db)).toBe(version + 1);
	});

	it('logs one erasure per class as metadata only, and a second run erases and logs nothing', async () => {
		await applyRetention(h.db, policy, now);
		const rows = await erasures(h.db);
		expect(rows.map((r) => r.subject)).toEqual(RETENTION_CLASSES.map((c) => `retention:${c}`));
		for (const r of rows) {
			const cls = r.subject.slice('retention:'.length) as keyof typeof EXPECTED;
			expect(r).toMatchObject({ actor: 'retention', actor_id: null, at: now, recipients: null });
			expect(r.detail).toEqual({ before: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), rows: EXPECTED[cls] });
		}
		expect(rows.find((r) => r.subject === 'retention:fixes')!.detail.before).toBe(new Date(ago(31)).toISOString());
		expect(rows.find((r) => r.subject === 'retention:crime-records')!.detail.before).toBe('2024-11-01T00:00:00.000Z');
		// nothing erased is repeated in the log: no places, names, references, notes or ids
		const text = JSON.stringify(rows);
		for (const leak of ['51.75', '-1.25', 'Oldham', 'P-OLD', 'High Street', 'door staff', 'fix-old', 'visit-old', 'sess-old', 'c-2024']) expect(text).not.toContain(leak);
		expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });

		expect(await applyRetention(h.db, policy, now)).toEqual(Object.fromEntries(RETENTION_CLASSES.map((c) => [c, 0])));
		expect(await erasures(h.db)).toHaveLength(rows.length);
	});

	it('keeps crime records and people when RETENTION_CRIME_MONTHS is 0 (the default)', async () => {
		const counts = await applyRetention(h.db, parseRetention({}), now);
		expect(counts['crime-records']).toBe(0);
		expect(counts.persons).toBe(0);
		expect(counts.fixes).toBe(5);
		expect((await erasures(h.db)).map((r) => r.subject)).not.toContain('retention:crime-records');
		expect(Number((await h.db.selectFrom('crime_records').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(4);
	});

	it('runs on its schedule, logs instead of throwing, and stops', async () => {
		const log = { log: vi.fn(), error: vi.fn() };
		const stop = startRetention({ db: h.db, now: () => now }, policy, { firstAfterMs: 0, everyMs: 3600_000, log });
		await vi.waitFor(() => expect(log.log).toHaveBeenCalledWith(expect.stringContaining('retention: erased 5 fixes')), { timeout: 10_000 });
		await stop();
		expect(await ids(h.db, 'fixes')).toEqual(['fix-late', 'fix-new']);

		// a connection that has gone away: every query fails
		const gone = await openDatabase(database.fresh());
		await gone.close();
		const stopBroken = startRetention({ db: gone.db, now: () => now }, policy, { firstAfterMs: 0, log });
		await vi.waitFor(() => expect(log.error).toHaveBeenCalledWith('retention: run failed', expect.any(Error)), { timeout: 10_000 });
		await stopBroken();
	});
});

describe('npm run cli -- retention', () => {
	const database = dbs[0];
	const cli = (argv: string[], env: Record<string, string>) =>
		spawnSync(process.execPath, ['src/cli/index.ts', 'retention', ...argv], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });

	it('prints what a dry run would erase per class, and what a run erased', async () => {
		// SQLite is enough here: the command only parses, calls the service and prints
		const config = database.fresh();
		if (config.kind !== 'sqlite') throw new Error('testDatabases() lists SQLite first');
		const url = `sqlite:${config.path}`;
		const h = await openDatabase(config);
		await migrate(h);
		const pc = (await createUser(h.db, { username: 'pc-cli', role: 'officer' }, Date.now())).id;
		await h.db.insertInto('fixes').values({ id: 'cli-old', officer_id: pc, t: 0, received_at: Date.now() - 40 * DAY, lat: 51.75, lon: -1.25, accuracy: 5, speed: null, heading: null, quality: 'ok', source: 'web' }).execute();
		await h.close();
		const dry = cli(['--dry-run'], { DATABASE_URL: url });
		expect(dry.status, dry.stderr).toBe(0);
		expect(dry.stdout).toMatch(/^fixes\s+before \S+Z\s+would erase 1$/m);
		expect(dry.stdout).toMatch(/^crime-records\s+kept \(RETENTION_CRIME_MONTHS=0\)$/m);
		expect(dry.stdout).toMatch(/^audit-log\s+kept by the app; the database owner removes rows older than 7 years$/m);
		const run = cli([], { DATABASE_URL: url });
		expect(run.stdout).toMatch(/^fixes\s+before \S+Z\s+erased 1$/m);
		expect(cli(['--dry-run'], { DATABASE_URL: url }).stdout).toMatch(/^fixes\s+before \S+Z\s+would erase 0$/m);
	});

	it('names a bad variable and exits non-zero', () => {
		const r = cli(['--dry-run'], { DATABASE_URL: 'sqlite::memory:', RETENTION_FIXES_DAYS: 'a month' });
		expect(r.status).not.toBe(0);
		expect(r.stderr.trim()).toBe('error: RETENTION_FIXES_DAYS="a month": expected a whole number from 1 to 36500');
	});
});
