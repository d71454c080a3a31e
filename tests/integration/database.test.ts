// The same migrations and queries on SQLite and PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/lib/server/db/connect.ts';
import { migrationsFor } from '../../migrations/index.ts';
import { countCrimeRecords, insertCrimeRecords } from '../../src/lib/server/db/queries/crimes.ts';
import { onDutySet, startDuty, endDuty } from '../../src/lib/server/db/queries/duty.ts';
import { insertFixes, latestFixes } from '../../src/lib/server/db/queries/fixes.ts';
import { getPublishedSet, insertHotspotSet, insertHotspots, listHotspots, previousPublishedSet, publishHotspotSet } from '../../src/lib/server/db/queries/hotspots.ts';
import { createUser, login, userForSession, createToken, userForToken } from '../../src/lib/server/services/auth.ts';
import { testDatabases } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const crime = (over: Partial<Parameters<typeof insertCrimeRecords>[2][number]> = {}) => ({
	source: 'police.uk',
	sourceId: 'abc',
	month: '2024-01',
	occurredAt: null,
	lon: -1.258,
	lat: 51.752,
	category: 'Robbery',
	offenceCode: null,
	location: 'On or near Queen Street',
	lsoaCode: null,
	lsoaName: null,
	outcome: null,
	context: null,
	harm: 365,
	...over
});

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	it('migrates a fresh database, and again without change', async () => {
		const h = await openDatabase(database.fresh());
		try {
			expect(await migrate(h)).toEqual(Object.keys(migrationsFor(h.dialect)));
			expect(await migrate(h)).toEqual([]);
		} finally {
			await h.close();
		}
	});

	it('stores users, sessions and tokens, and finds them only by their secrets', async () => {
		const h = await openDatabase(database.fresh());
		await migrate(h);
		try {
			const now = Date.UTC(2026, 10, 26);
			const u = await createUser(h.db, { username: 'pc1', role: 'officer', password: 'correct horse', callsign: 'TV-1' }, now);
			const policy = { idleMinutes: 60, maxHours: 12, maxFailures: 5, lockMinutes: 15, requireTotp: [] };
			expect(await login(h.db, 'pc1', 'wrong', now, policy)).toMatchObject({ ok: false, reason: 'invalid' });
			const s = await login(h.db, 'pc1', 'correct horse', now, policy);
			if (!s.ok) throw new Error('login refused');
			expect(s.user.callsign).toBe('TV-1');
			expect((await userForSession(h.db, s.token, now + 1000, policy))?.id).toBe(u.id);
			expect(await userForSession(h.db, s.token, now + 61 * 60_000, policy)).toBeNull();
			const token = await createToken(h.db, u.id, 'device', 'phone', now);
			expect((await userForToken(h.db, token))?.id).toBe(u.id);
			expect(await userForToken(h.db, token + 'x')).toBeNull();
		} finally {
			await h.close();
		}
	});

	it('upserts crime records by source id and keeps records without one', async () => {
		const h = await openDatabase(database.fresh());
		await migrate(h);
		try {
			expect(await insertCrimeRecords(h.db, 1, [crime(), crime({ sourceId: null }), crime({ sourceId: null })])).toEqual({ inserted: 3, updated: 0 });
			expect(await insertCrimeRecords(h.db, 2, [crime({ category: 'Burglary' })])).toEqual({ inserted: 0, updated: 1 });
			expect(await countCrimeRecords(h.db)).toBe(3);
			const r = await h.db.selectFrom('crime_records').select(['category', 'import_id']).where('source_id', '=', 'abc').executeTakeFirstOrThrow();
			expect(r).toEqual({ category: 'Burglary', import_id: 2 });
		} finally {
			await h.close();
		}
	});

	it('stores a fix once per id and finds the latest usable fix per officer', async () => {
		const h = await openDatabase(database.fresh());
		await migrate(h);
		try {
			const base = { officer_id: 1, received_at: 0, lat: 51.75, lon: -1.25, accuracy: 5, speed: null, heading: null, quality: 'ok', source: 'web' };
			const first = await insertFixes(h.db, [
				{ ...base, id: 'fix-000001', t: 1000 },
				{ ...base, id: 'fix-000002', t: 2000 },
				{ ...base, id: 'fix-000003', t: 3000, quality: 'inaccurate' },
				{ ...base, id: 'fix-000004', t: 1500, officer_id: 2 }
			]);
			expect(first.size).toBe(4);
			const again = await insertFixes(h.db, [{ ...base, id: 'fix-000002', t: 2000 }, { ...base, id: 'fix-000005', t: 2500 }]);
			expect([...again]).toEqual(['fix-000005']);
			const latest = await latestFixes(h.db, 0);
			expect(latest.map((f) => [f.officer_id, f.id]).sort()).toEqual([
				[1, 'fix-000005'],
				[2, 'fix-000004']
			]);
			expect(typeof latest[0].t).toBe('number');
		} finally {
			await h.close();
		}
	});

	it('tracks duty periods', async () => {
		const h = await openDatabase(database.fresh());
		await migrate(h);
		try {
			const u = await createUser(h.db, { username: 'pc2', role: 'officer', password: 'x' }, 0);
			await startDuty(h.db, u.id, 100);
			await startDuty(h.db, u.id, 200);
			expect((await onDutySet(h.db, [u.id])).has(u.id)).toBe(true);
			expect(await h.db.selectFrom('duty_periods').selectAll().execute()).toHaveLength(1);
			await endDuty(h.db, u.id, 300);
			expect((await onDutySet(h.db, [u.id])).has(u.id)).toBe(false);
		} finally {
			await h.close();
		}
	});

	it('publishes hot spot sets, archiving the previous one', async () => {
		const h = await openDatabase(database.fresh());
		await migrate(h);
		try {
			const spot = {
				key: 'k1', rank: 1, name: 'Queen Street', polygon: [[[0, 0], [1, 0], [1, 1], [0, 0]]] as [number, number][][],
				centroid: [0.5, 0.3] as [number, number], bbox: [0, 0, 1, 1] as [number, number, number, number], crimes: 3, harm: 10, z: 3.2, p: 0.01,
				windows: [{ days: [1], from: '06:00', to: '18:00', tz: 'Europe/London' }], why: 'because', briefing: ''
			};
			const a = await insertHotspotSet(h.db, { name: 'A', params: {}, targetIntervalS: 14400, createdBy: null }, 1);
			await insertHotspots(h.db, a, [spot]);
			await publishHotspotSet(h.db, a, 2);
			const b = await insertHotspotSet(h.db, { name: 'B', params: { x: 1 }, targetIntervalS: 7200, createdBy: null }, 3);
			await publishHotspotSet(h.db, b, 4);
			const live = await getPublishedSet(h.db);
			expect(live).toMatchObject({ id: b, name: 'B', params: { x: 1 }, targetIntervalS: 7200 });
			const old = await listHotspots(h.db, a);
			expect(old[0]).toMatchObject({ name: 'Queen Street', windows: spot.windows, polygon: spot.polygon });
			// a draft never published is not "previous"; restoring A makes B the previous one
			await insertHotspotSet(h.db, { name: 'C', params: {}, targetIntervalS: 7200, createdBy: null }, 5);
			expect((await previousPublishedSet(h.db))?.id).toBe(a);
			await publishHotspotSet(h.db, a, 6);
			expect((await getPublishedSet(h.db))?.id).toBe(a);
			expect((await previousPublishedSet(h.db))?.id).toBe(b);
		} finally {
			await h.close();
		}
	});
});
