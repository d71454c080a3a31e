// What two requests at once must not break, on both databases: a fix id sent by two officers
// together, wrong passwords in parallel, duty toggled faster than it is answered, a TOTP code
// replayed within its step. Each was broken once (issue 13) and is checked here through the same
// paths the app uses.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { base32Decode, totpAt } from '../../src/lib/server/security/totp.ts';
import { changeUser } from '../../src/lib/server/services/admin.ts';
import { createToken, createUser, login, type LoginPolicy } from '../../src/lib/server/services/auth.ts';
import { startTestServer, testConfig, testDatabases, type TestServer } from './harness.ts';

type Client = Socket<ServerToClient, ClientToServer>;
const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const policy: LoginPolicy = { idleMinutes: 60, maxHours: 12, maxFailures: 5, lockMinutes: 15, requireTotp: [] };
const fix = (over: Record<string, unknown> = {}) => ({ id: randomUUID(), t: Date.now() - 1000, lat: 51.752, lon: -1.258, accuracy: 8, ...over });

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let server: TestServer;
	const clients: Client[] = [];

	beforeEach(async () => {
		server = await startTestServer(testConfig(database.fresh(), { SOCKET_EVENTS_PER_SECOND: '100' }));
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.close();
		await server.close();
	});

	const connect = (token: string): Promise<Client> =>
		new Promise((resolve, reject) => {
			const s: Client = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
			clients.push(s);
			s.once('connect', () => resolve(s));
			s.once('connect_error', reject);
		});
	const officer = async (name: string) => {
		const now = Date.now();
		const u = await createUser(server.app.db, { username: name, role: 'officer', callsign: name.toUpperCase() }, now);
		return { id: u.id, token: await createToken(server.app.db, u.id, 'device', 'test', now) };
	};

	it('gives a fix id sent by two officers at once to one of them, and refuses it to the other with a reason', async () => {
		const a = await officer('pc-a');
		const b = await officer('pc-b');
		const [pa, pb] = await Promise.all([connect(a.token), connect(b.token)]);
		await Promise.all([pa.emitWithAck('duty:set', { onDuty: true }), pb.emitWithAck('duty:set', { onDuty: true })]);
		const owner = async (id: string) => (await server.app.db.selectFrom('fixes').select('officer_id').where('id', '=', id).execute()).map((r) => r.officer_id);

		// straight into the ingest: both reports land in one group commit
		const shared = fix();
		const [ra, rb] = await Promise.all([server.app.ingest.report(a.id, shared), server.app.ingest.report(b.id, { ...shared, lat: 51.7531 })]);
		const stored = await owner(shared.id);
		expect(stored).toHaveLength(1);
		const winner = stored[0] === a.id ? ra : rb;
		const loser = stored[0] === a.id ? rb : ra;
		expect(winner).toEqual({ ok: true, accepted: [shared.id], duplicates: [], rejected: [] });
		expect(loser).toEqual({ ok: true, accepted: [], duplicates: [], rejected: [{ id: shared.id, error: 'id: already used by another device' }] });

		// over real sockets, twenty times: whoever is told accepted or duplicate owns the stored row
		for (let k = 0; k < 20; k++) {
			const f = fix();
			const acks = await Promise.all([pa.emitWithAck('position:report', f), pb.emitWithAck('position:report', [{ ...f, lon: -1.2571 }])]);
			const rows = await owner(f.id);
			expect(rows).toHaveLength(1);
			for (const [ack, who] of [[acks[0], a.id], [acks[1], b.id]] as const) {
				if (!ack.ok) throw new Error(ack.error);
				const told = ack.accepted.includes(f.id) || ack.duplicates.includes(f.id);
				expect(told).toBe(rows[0] === who);
				if (!told) expect(ack.rejected).toEqual([{ id: f.id, error: 'id: already used by another device' }]);
			}
		}
		// the same officer sending one id twice in one commit is told accepted once, duplicate once
		const twice = fix();
		const [r1, r2] = await Promise.all([server.app.ingest.report(a.id, twice), server.app.ingest.report(a.id, twice)]);
		expect([r1, r2].map((r) => r.ok && [r.accepted.length, r.duplicates.length]).sort()).toEqual([
			[0, 1],
			[1, 0]
		]);
		expect(await owner(twice.id)).toEqual([a.id]);
	});

	it('gives an activity id sent by two officers at once to one of them (each report is one statement: never broken, kept so)', async () => {
		const a = await officer('pc-act-a');
		const b = await officer('pc-act-b');
		const [pa, pb] = await Promise.all([connect(a.token), connect(b.token)]);
		for (let k = 0; k < 10; k++) {
			const act = { id: randomUUID(), t: Date.now() - 1000, kind: 'visible-presence' };
			const acks = await Promise.all([pa.emitWithAck('activity:report', act), pb.emitWithAck('activity:report', [act])]);
			const rows = await server.app.db.selectFrom('activities').select('officer_id').where('id', '=', act.id).execute();
			expect(rows).toHaveLength(1);
			for (const [ack, who] of [[acks[0], a.id], [acks[1], b.id]] as const) {
				if (!ack.ok) throw new Error(ack.error);
				expect(ack.accepted.includes(act.id) || ack.duplicates.includes(act.id)).toBe(rows[0].officer_id === who);
			}
		}
	});

	it('locks an account after 20 wrong passwords sent in parallel', async () => {
		const db = server.app.db;
		const now = Date.now();
		await createUser(db, { username: 'sgt-par', role: 'supervisor', password: 'right password' }, now);
		const results = await Promise.all(Array.from({ length: 20 }, () => login(db, 'sgt-par', 'wrong', now, policy)));
		expect(results.every((r) => !r.ok)).toBe(true);
		expect(results.filter((r) => !r.ok && r.reason === 'locked').length).toBeGreaterThanOrEqual(1);
		expect(await login(db, 'sgt-par', 'right password', now + 1000, policy)).toMatchObject({ ok: false, reason: 'locked' });
		expect(await login(db, 'sgt-par', 'right password', now + 16 * 60_000, policy)).toMatchObject({ ok: true });
	});

	it('keeps at most one open duty period through 20 toggles sent without waiting, and ends in the last state asked for', async () => {
		const a = await officer('pc-duty');
		const phone = await connect(a.token);
		const asked = Array.from({ length: 20 }, (_, i) => i % 2 === 0);
		const acks = await Promise.all(asked.map((onDuty) => phone.emitWithAck('duty:set', { onDuty })));
		expect(acks.map((r) => r.ok && r.onDuty)).toEqual(asked);
		const open = await server.app.db.selectFrom('duty_periods').select('id').where('user_id', '=', a.id).where('ended_at', 'is', null).execute();
		expect(open).toHaveLength(0);
		expect(server.app.fleet.get(a.id)).toBeUndefined();
		// the audit log says started, stopped, started… never twice the same
		const audit = await server.app.db.selectFrom('audit_log').select('detail').where('subject', '=', `officer-location:${a.id}`).orderBy('id').execute();
		const tracking = audit.map((r) => JSON.parse(r.detail).tracking);
		expect(tracking).toHaveLength(20);
		tracking.forEach((t, i) => expect(t).toBe(i % 2 === 0 ? 'started' : 'stopped'));

		// on twenty times at once: one period
		await Promise.all(Array.from({ length: 20 }, () => phone.emitWithAck('duty:set', { onDuty: true })));
		const after = await server.app.db.selectFrom('duty_periods').select('id').where('user_id', '=', a.id).where('ended_at', 'is', null).execute();
		expect(after).toHaveLength(1);
		// the database itself refuses a second open period, whoever writes it
		await expect(server.app.db.insertInto('duty_periods').values({ user_id: a.id, started_at: Date.now(), ended_at: null }).execute()).rejects.toThrow(/unique|UNIQUE/);
	});

	it('accepts a TOTP code once in its step, even when sent twice at once', async () => {
		const db = server.app.db;
		const now = Date.now();
		const admin = await createUser(db, { username: 'adm-totp', role: 'admin', password: 'pw-adm' }, now);
		const sgt = await createUser(db, { username: 'sgt-totp', role: 'supervisor', password: 'pw-sgt' }, now);
		const { otpauth } = await changeUser(server.app, { id: admin.id, username: 'adm-totp' }, sgt.id, 'enrol-totp');
		const secret = base32Decode(new URL(otpauth!).searchParams.get('secret')!);
		const code = totpAt(secret, now);
		expect(await login(db, 'sgt-totp', 'pw-sgt', now, policy, code)).toMatchObject({ ok: true });
		expect(await login(db, 'sgt-totp', 'pw-sgt', now + 1000, policy, code)).toMatchObject({ ok: false, reason: 'totp-invalid' });
		// the next step's code works once; two logins racing with it: one wins
		const next = now + 30_000;
		const code2 = totpAt(secret, next);
		const both = await Promise.all([login(db, 'sgt-totp', 'pw-sgt', next, policy, code2), login(db, 'sgt-totp', 'pw-sgt', next, policy, code2)]);
		expect(both.filter((r) => r.ok)).toHaveLength(1);
		// an older step's code, still inside the drift window, is refused once a later one was used
		expect(await login(db, 'sgt-totp', 'pw-sgt', next + 1000, policy, totpAt(secret, now))).toMatchObject({ ok: false, reason: 'totp-invalid' });
	});
});
