// Sessions, sockets and the audit log's protection, on real databases and real sockets: lockout
// after repeated failures, TOTP, a disabled or logged-out user's sockets closed within 5 s, no
// reconnection without authentication, per-user socket rate limits, and on PostgreSQL an app role
// that can only read and append to the audit log.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { readConfig } from '../../src/lib/server/config.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { base32Decode, totpAt } from '../../src/lib/server/security/totp.ts';
import { changeUser } from '../../src/lib/server/services/admin.ts';
import { audit, verifyAuditChain } from '../../src/lib/server/services/audit.ts';
import { createToken, createUser, login, logout, type LoginPolicy } from '../../src/lib/server/services/auth.ts';
import { SESSION_COOKIE } from '../../src/lib/server/session-cookie.ts';
import { startTestServer, testConfig, testDatabases, TEST_DATABASE_URL, type TestServer } from './harness.ts';

type Client = Socket<ServerToClient, ClientToServer>;
const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const policy: LoginPolicy = { idleMinutes: 60, maxHours: 12, maxFailures: 5, lockMinutes: 15, requireTotp: ['admin'] };

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let server: TestServer;
	const clients: Client[] = [];
	let now = Date.UTC(2026, 10, 26, 12);

	beforeEach(async () => {
		now = Date.UTC(2026, 10, 26, 12);
		server = await startTestServer(testConfig(database.fresh(), { SOCKET_EVENTS_PER_SECOND: '5' }));
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.close();
		await server.close();
	});

	const connect = (auth: Record<string, unknown>, headers?: Record<string, string>): Promise<Client> =>
		new Promise((resolve, reject) => {
			const s: Client = io(server.url, { path: '/socket.io', transports: ['websocket'], auth, reconnection: false, extraHeaders: headers });
			clients.push(s);
			s.once('connect', () => resolve(s));
			s.once('connect_error', reject);
		});
	const closedWithin = (s: Client, ms: number) =>
		new Promise<number>((resolve, reject) => {
			const t0 = Date.now();
			if (!s.connected) return resolve(0);
			const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
			s.once('disconnect', () => {
				clearTimeout(timer);
				resolve(Date.now() - t0);
			});
		});

	it('locks an account after repeated failures, even against the right password, until the lock lapses', async () => {
		const db = server.app.db;
		await createUser(db, { username: 'sgt-lock', role: 'supervisor', password: 'right password' }, now);
		for (let k = 1; k <= 4; k++) expect(await login(db, 'sgt-lock', 'wrong', now, policy)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await login(db, 'sgt-lock', 'wrong', now, policy)).toMatchObject({ ok: false, reason: 'locked' });
		expect(await login(db, 'sgt-lock', 'right password', now + 60_000, policy)).toMatchObject({ ok: false, reason: 'locked' });
		expect(await login(db, 'sgt-lock', 'right password', now + 16 * 60_000, policy)).toMatchObject({ ok: true });
		// a good login resets the count
		expect((await db.selectFrom('users').select('failed_logins').where('username', '=', 'sgt-lock').executeTakeFirstOrThrow()).failed_logins).toBe(0);
		// an unknown name gives the same answer as a wrong password
		expect(await login(db, 'nobody', 'x', now, policy)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('asks for a TOTP code once enrolled, refuses a wrong one, and requires enrolment for the roles configured', async () => {
		const db = server.app.db;
		const admin = await createUser(db, { username: 'adm', role: 'admin', password: 'pw-admin' }, now);
		const sgt = await createUser(db, { username: 'sgt-2fa', role: 'supervisor', password: 'pw-sgt' }, now);
		expect(await login(db, 'adm', 'pw-admin', now, policy)).toMatchObject({ ok: false, reason: 'totp-enrol' });
		const { otpauth } = await changeUser(server.app, { id: admin.id, username: 'adm' }, sgt.id, 'enrol-totp');
		const secret = new URL(otpauth!).searchParams.get('secret')!;
		expect(await login(db, 'sgt-2fa', 'pw-sgt', now, policy)).toMatchObject({ ok: false, reason: 'totp-required' });
		const code = totpAt(base32Decode(secret), now);
		const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
		expect(await login(db, 'sgt-2fa', 'pw-sgt', now, policy, wrong)).toMatchObject({ ok: false, reason: 'totp-invalid' });
		expect(await login(db, 'sgt-2fa', 'pw-sgt', now, policy, code)).toMatchObject({ ok: true });
		const rows = await db.selectFrom('audit_log').selectAll().where('subject', '=', `user:${sgt.id}`).execute();
		expect(rows.map((r) => [r.operation, JSON.parse(r.detail).action])).toEqual([['alteration', 'enrol-totp']]);
	});

	it("closes a disabled user's sockets within 5 s, and a logged-out session's, and never lets them back without credentials", async () => {
		const db = server.app.db;
		const t = Date.now();
		const admin = await createUser(db, { username: 'adm2', role: 'admin', password: 'x' }, t);
		const sup = await createUser(db, { username: 'sgt-revoke', role: 'supervisor', password: 'pw' }, t);
		const token = await createToken(db, sup.id, 'api', 'test', t);
		const byToken = await connect({ token });
		// disabled straight in the database, as the CLI does: no bus event, the sweep finds it
		await db.updateTable('users').set({ disabled: 1 }).where('id', '=', sup.id).execute();
		expect(await closedWithin(byToken, 5000)).toBeLessThanOrEqual(5000);
		await expect(connect({ token })).rejects.toThrow(/unauthorized/);
		await changeUser(server.app, { id: admin.id, username: 'adm2' }, sup.id, 'enable');

		const s = await login(db, 'sgt-revoke', 'pw', Date.now(), policy);
		if (!s.ok) throw new Error('login refused');
		const origin = new URL(server.url).origin;
		const bySession = await connect({}, { Origin: origin, Cookie: `${SESSION_COOKIE}=${s.token}` });
		await logout(db, s.token);
		expect(await closedWithin(bySession, 5000)).toBeLessThanOrEqual(5000);
		await expect(connect({}, { Origin: origin, Cookie: `${SESSION_COOKIE}=${s.token}` })).rejects.toThrow(/unauthorized/);
	});

	it('answers a flood of socket events with a rate-limit error instead of serving it', async () => {
		const db = server.app.db;
		// the server under test runs on the real clock: what it reads back is made on it too
		const officer = await createUser(db, { username: 'pc-flood', role: 'officer', callsign: 'FL-1' }, Date.now());
		const phone = await connect({ token: await createToken(db, officer.id, 'device', 'test', Date.now()) });
		const acks = await Promise.all(Array.from({ length: 12 }, () => phone.emitWithAck('duty:set', { onDuty: true })));
		const limited = acks.filter((a) => !a.ok && /rate limited/.test(a.error));
		expect(limited.length).toBe(12 - 5);
		// a second later the user may speak again
		await new Promise((r) => setTimeout(r, 1100));
		expect(await phone.emitWithAck('duty:set', { onDuty: false })).toEqual({ ok: true, onDuty: false });
	});

	it('records duty as the start and end of location collection, once each', async () => {
		const db = server.app.db;
		const officer = await createUser(db, { username: 'pc-duty', role: 'officer', callsign: 'DU-1' }, Date.now());
		const phone = await connect({ token: await createToken(db, officer.id, 'device', 'test', Date.now()) });
		await phone.emitWithAck('duty:set', { onDuty: true });
		await phone.emitWithAck('duty:set', { onDuty: true });
		await phone.emitWithAck('duty:set', { onDuty: false });
		const rows = await db.selectFrom('audit_log').selectAll().where('subject', '=', `officer-location:${officer.id}`).orderBy('id').execute();
		expect(rows.map((r) => [r.operation, JSON.parse(r.detail).tracking])).toEqual([
			['collection', 'started'],
			['collection', 'stopped']
		]);
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
	});
});

describe.skipIf(!dbs.some((d) => d.kind === 'postgres'))('postgres app role', () => {
	const role = `hp_app_${randomUUID().slice(0, 8)}`;
	const schema = `t_role_${randomUUID().slice(0, 8)}`;
	const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
	afterAll(async () => {
		await admin.query(`drop schema if exists ${schema} cascade`).catch(() => {});
		await admin.query(`drop owned by ${role}`).catch(() => {});
		await admin.query(`drop role if exists ${role}`).catch(() => {});
		await admin.end();
	});

	it('may read and append to the audit log, and nothing more; migrations run as the owner', async () => {
		await admin.connect();
		await admin.query(`create role ${role} login`);
		const app = new URL(TEST_DATABASE_URL);
		app.username = role;
		app.searchParams.set('schema', schema);
		const owner = new URL(TEST_DATABASE_URL);
		owner.searchParams.set('schema', schema);
		const ctx = await createApp(readConfig({ DATABASE_URL: app.toString(), MIGRATION_DATABASE_URL: owner.toString() }));
		try {
			await audit(ctx.db, { actor: { id: null, name: 'test' }, operation: 'consultation', subject: 'x', detail: {} }, Date.now());
			await createUser(ctx.db, { username: 'pc-role', role: 'officer' }, Date.now());
			expect((await ctx.db.selectFrom('audit_log').select('id').execute()).length).toBe(1);
			for (const statement of [`update audit_log set detail = '{}'`, 'delete from audit_log', 'truncate audit_log']) {
				await expect(ctx.db.executeQuery({ sql: statement, parameters: [], query: { kind: 'RawNode' } } as never)).rejects.toThrow(/permission denied/);
			}
		} finally {
			await ctx.close();
		}
	});
});
