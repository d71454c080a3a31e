// The device protocol over a real port with real socket.io clients, on both databases.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { countFixes, getFix } from '../../src/lib/server/db/queries/fixes.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { startTestServer, testConfig, testDatabases, type TestServer } from './harness.ts';

type Client = Socket<ServerToClient, ClientToServer>;

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

function connect(url: string, auth: Record<string, unknown>, extraHeaders?: Record<string, string>): Promise<Client> {
	return new Promise((resolve, reject) => {
		const s: Client = io(url, { path: '/socket.io', transports: ['websocket'], auth, reconnection: false, extraHeaders });
		s.once('connect', () => resolve(s));
		s.once('connect_error', (e) => {
			s.close();
			reject(e);
		});
	});
}

const fix = (over: Record<string, unknown> = {}) => ({ id: randomUUID(), t: Date.now() - 1000, lat: 51.752, lon: -1.258, accuracy: 8, ...over });

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let server: TestServer;
	let officerToken: string;
	let supervisorToken: string;
	let officerId: number;
	const clients: Client[] = [];
	const open = async (auth: Record<string, unknown>, headers?: Record<string, string>) => {
		const c = await connect(server.url, auth, headers);
		clients.push(c);
		return c;
	};

	beforeEach(async () => {
		server = await startTestServer(testConfig(database.fresh()));
		const now = Date.now();
		const officer = await createUser(server.app.db, { username: 'pc1', role: 'officer', callsign: 'TV-1' }, now);
		officerId = officer.id;
		officerToken = await createToken(server.app.db, officer.id, 'device', 'test', now);
		const sup = await createUser(server.app.db, { username: 'sgt1', role: 'supervisor' }, now);
		supervisorToken = await createToken(server.app.db, sup.id, 'api', 'test', now);
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.close();
		await server.close();
	});

	it('stores an acknowledged fix before it acks', async () => {
		const phone = await open({ token: officerToken });
		expect(await phone.emitWithAck('duty:set', { onDuty: true })).toEqual({ ok: true, onDuty: true });
		const f = fix();
		const ack = await phone.emitWithAck('position:report', f);
		expect(ack).toEqual({ ok: true, accepted: [f.id], duplicates: [], rejected: [] });
		const row = await getFix(server.app.db, f.id);
		expect(row).toMatchObject({ id: f.id, officer_id: officerId, t: f.t, lat: f.lat, lon: f.lon, accuracy: 8, quality: 'ok' });
	});

	it('stores the same fix id once and reports the second as a duplicate', async () => {
		const phone = await open({ token: officerToken });
		await phone.emitWithAck('duty:set', { onDuty: true });
		const f = fix();
		await phone.emitWithAck('position:report', f);
		const again = await phone.emitWithAck('position:report', [f, fix()]);
		expect(again.ok && again.duplicates).toEqual([f.id]);
		expect(again.ok && again.accepted).toHaveLength(1);
		expect(await countFixes(server.app.db, officerId)).toBe(2);
	});

	it('refuses latitude 91 with a clear error and stores nothing', async () => {
		const phone = await open({ token: officerToken });
		await phone.emitWithAck('duty:set', { onDuty: true });
		const bad = fix({ lat: 91 });
		expect(await phone.emitWithAck('position:report', bad)).toEqual({ ok: false, error: 'lat: must be a number from -90 to 90, got 91' });
		const mixed = await phone.emitWithAck('position:report', [bad, fix()]);
		expect(mixed.ok && mixed.rejected).toEqual([{ id: bad.id, error: 'lat: must be a number from -90 to 90, got 91' }]);
		expect(await countFixes(server.app.db)).toBe(1);
		expect(await phone.emitWithAck('position:report', 'hello' as never)).toEqual({
			ok: false,
			error: 'payload must be a fix object or an array of fixes'
		});
	});

	it('stores no fix from an officer who is off duty', async () => {
		const phone = await open({ token: officerToken });
		const f = fix();
		const ack = await phone.emitWithAck('position:report', f);
		expect(ack.ok && ack.rejected[0].error).toMatch(/off duty/);
		expect(await countFixes(server.app.db)).toBe(0);
	});

	it('stores inaccurate fixes with a quality flag', async () => {
		const phone = await open({ token: officerToken });
		await phone.emitWithAck('duty:set', { onDuty: true });
		const f = fix({ accuracy: 120 });
		expect((await phone.emitWithAck('position:report', f)).ok).toBe(true);
		expect((await getFix(server.app.db, f.id))?.quality).toBe('inaccurate');
	});

	it('refuses a socket without a valid token', async () => {
		await expect(connect(server.url, { token: 'hp_not-a-real-token' })).rejects.toThrow(/unauthorized/);
		await expect(connect(server.url, {})).rejects.toThrow(/need a token/);
	});

	it('refuses a browser socket from a foreign Origin', async () => {
		await expect(connect(server.url, { token: officerToken }, { Origin: 'https://evil.example' })).rejects.toThrow();
	});

	it('lets only officers report positions, and fans moves out to the control room in batches', async () => {
		const control = await open({ token: supervisorToken });
		const denied = await control.emitWithAck('position:report', fix());
		expect(denied).toEqual({ ok: false, error: 'forbidden: only officers send this (you are supervisor)' });
		const moved = new Promise<unknown[]>((resolve) => control.once('officers:moved', resolve));
		const phone = await open({ token: officerToken });
		await phone.emitWithAck('duty:set', { onDuty: true });
		const f = fix();
		await phone.emitWithAck('position:report', f);
		expect(await moved).toEqual([expect.objectContaining({ officer: officerId, callsign: 'TV-1', fixId: f.id, lat: f.lat, lon: f.lon })]);
	});
});
