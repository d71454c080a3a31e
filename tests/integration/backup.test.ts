// The backup drill: `cli backup` while the production server takes fixes from 20 phones, then
// `cli restore` into a fresh database — every fix acked before the backup began is there, and
// the audit chain (keyed with AUDIT_KEY, appended to by the duty changes meanwhile) verifies.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/lib/server/app.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { Phone, sleep, type NodeProcess } from './chaos-actors.ts';
import { cli } from './cli-process.ts';
import { startAppProcess, type AppProcess } from './app-process.ts';
import { testConfig, testDatabases, TEST_DATABASE_URL } from './harness.ts';

const PHONES = 20;
const AUDIT_KEY = Buffer.alloc(32, 7).toString('base64');
const dbs = testDatabases();
const sqlite = dbs.find((d) => d.kind === 'sqlite')!;

describe('backup and restore', () => {
	const dir = mkdtempSync(join(tmpdir(), 'hp-backup-'));
	let app: AppProcess | null = null;
	afterAll(async () => {
		await app?.stop();
		rmSync(dir, { recursive: true, force: true });
		await sqlite.cleanup();
	});

	it('backs up under load and restores into a fresh database: acked fixes there, the audit chain verifies', async () => {
		const db = sqlite.fresh();
		if (db.kind !== 'sqlite') throw new Error('sqlite expected');
		const seedApp = await createApp(testConfig(db, { AUDIT_KEY }));
		const tokens: string[] = [];
		for (let k = 0; k < PHONES; k++) {
			const u = await createUser(seedApp.db, { username: `bk-${k}`, role: 'officer', callsign: `BK-${k}` }, Date.now());
			tokens.push(await createToken(seedApp.db, u.id, 'device', 'backup drill', Date.now()));
		}
		await seedApp.close();
		app = await startAppProcess(db, { AUDIT_KEY });
		const phones = tokens.map((t, k) => new Phone(t, [{ url: app!.url } as NodeProcess], k));
		let running = true;
		const load = (async () => {
			while (running) {
				const t = Date.now();
				for (const p of phones) p.produce(t);
				await Promise.all(phones.map((p) => p.pump()));
				await sleep(100);
			}
		})();
		try {
			while (phones.some((p) => p.acked.size < 5)) await sleep(100);
			const ackedBefore = phones.flatMap((p) => [...p.acked]);
			const out = join(dir, 'drill.db');
			const backup = await cli({ DATABASE_URL: `sqlite:${db.path}`, AUDIT_KEY }, 'backup', '--out', out);
			expect(backup.stderr).toBe('');
			expect(backup.code).toBe(0);
			expect(backup.stdout).toMatch(/^backed up to .*drill\.db: \d+ bytes/);
			// the load went on through the backup
			const ackedDuring = phones.reduce((n, p) => n + p.acked.size, 0);
			await sleep(500);
			expect(phones.reduce((n, p) => n + p.acked.size, 0)).toBeGreaterThan(ackedDuring);
			// never over an existing file
			expect((await cli({ DATABASE_URL: `sqlite:${db.path}` }, 'backup', '--out', out)).stderr).toMatch(/already exists: back up into a new file/);

			const restored = join(dir, 'restored', 'hotspot.db');
			const restore = await cli({ DATABASE_URL: `sqlite:${restored}`, AUDIT_KEY }, 'restore', '--from', out);
			expect(restore.code, restore.stderr).toBe(0);
			const file = new SQLite(restored, { readonly: true });
			const ids = new Set((file.prepare('select id from fixes').all() as { id: string }[]).map((r) => r.id));
			file.close();
			expect(ackedBefore.filter((id) => !ids.has(id))).toEqual([]);
			const verify = await cli({ DATABASE_URL: `sqlite:${restored}`, AUDIT_KEY }, 'audit', 'verify');
			expect(verify.code, verify.stderr).toBe(0);
			expect(verify.stdout).toMatch(/^audit log intact: \d+ rows, signed with AUDIT_KEY/);

			// a restore never overwrites a database
			const size = statSync(restored).size;
			const again = await cli({ DATABASE_URL: `sqlite:${restored}` }, 'restore', '--from', out);
			expect(again.code).toBe(2);
			expect(again.stderr).toMatch(/already exists: restore into a fresh database/);
			expect(statSync(restored).size).toBe(size);
			// nor takes a file that is not a backup
			const notOne = await cli({ DATABASE_URL: `sqlite:${join(dir, 'other.db')}` }, 'restore', '--from', join(dir, 'missing.db'));
			expect(notOne.code).toBe(2);
			expect(existsSync(join(dir, 'other.db'))).toBe(false);
		} finally {
			running = false;
			await load;
			for (const p of phones) p.close();
		}
	}, 240_000);

	it('on PostgreSQL points at pg_dump instead', async () => {
		const r = await cli({ DATABASE_URL: TEST_DATABASE_URL }, 'backup', '--out', join(dir, 'pg.db'));
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/on PostgreSQL use pg_dump/);
	});
});
