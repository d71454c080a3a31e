// The officer's visit timer over a real socket: the engine's current visit reaches the phone when
// it starts, each minute, when the officer steps out, and as the hello of every connection — so a
// reload or a silence of a few minutes shows the same visit, and a long silence a new one
// (docs/presence.md, The current visit; rule 4).
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServer, PresenceUpdate, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { insertHotspots, insertHotspotSet } from '../../src/lib/server/db/queries/hotspots.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { publishSet } from '../../src/lib/server/services/detection.ts';
import { currentVisits } from '../../src/lib/server/services/visit-timer.ts';
import { startTestServer, testConfig, testDatabases, type TestServer } from './harness.ts';

type Client = Socket<ServerToClient, ClientToServer>;
const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const W = -1.2589;
const S = 51.7514;
const E = W + 0.00145;
const N = S + 0.0009;
const square: [number, number][][] = [[[W, S], [E, S], [E, N], [W, N], [W, S]]];
const always = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00', tz: 'Europe/London' }];
const MID = { lat: (S + N) / 2, lon: (W + E) / 2 };

function connect(url: string, token: string): Promise<{ socket: Client; hello: Promise<PresenceUpdate[]> }> {
	return new Promise((resolve, reject) => {
		const s: Client = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
		// registered before the connection, so the hello sent on connect is never missed
		const hello = new Promise<PresenceUpdate[]>((r) => s.once('presence:current', r));
		s.once('connect', () => resolve({ socket: s, hello }));
		s.once('connect_error', reject);
	});
}

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let server: TestServer;
	let phone: Client;
	let token: string;
	let officerId: number;
	let hotspotId: number;
	let offset = 0;
	const now = () => Date.now() + offset;
	const updates: PresenceUpdate[] = [];

	beforeEach(async () => {
		offset = 0;
		updates.length = 0;
		server = await startTestServer(testConfig(database.fresh(), { SOCKET_EVENTS_PER_SECOND: '10000' }), { now });
		const t = Date.now();
		officerId = (await createUser(server.app.db, { username: 'pc1', role: 'officer', callsign: 'TV-1' }, t)).id;
		token = await createToken(server.app.db, officerId, 'device', 'test', t);
		const setId = await insertHotspotSet(server.app.db, { name: 'test', params: {}, targetIntervalS: 4 * 3600, createdBy: null }, t);
		await insertHotspots(server.app.db, setId, [
			{ key: 'carfax', rank: 1, name: 'Carfax', polygon: square, centroid: [MID.lon, MID.lat], bbox: [W, S, E, N], crimes: 10, harm: 100, z: 3, p: 0.01, windows: always, why: '', briefing: '' }
		]);
		await publishSet(server.app, setId, 4 * 3600);
		hotspotId = (await server.app.db.selectFrom('hotspots').select('id').where('set_id', '=', setId).executeTakeFirstOrThrow()).id;
		phone = (await connect(server.url, token)).socket;
		phone.on('presence:update', (u) => updates.push(u));
		await phone.emitWithAck('duty:set', { onDuty: true });
	});

	afterEach(async () => {
		phone.close();
		await server.close();
	});

	/** fixes every 3 s from `from` for `ms`, at `at(i)`, each arriving a second after its device time */
	async function walk(from: number, ms: number, at: (i: number) => { lat: number; lon: number }) {
		const fixes = [];
		for (let i = 0; i * 3000 < ms; i++) fixes.push({ id: randomUUID(), t: from + i * 3000, accuracy: 8, ...at(i) });
		for (let i = 0; i < fixes.length; i += 5) {
			const batch = fixes.slice(i, i + 5);
			offset = batch.at(-1)!.t + 1000 - Date.now();
			const ack = await phone.emitWithAck('position:report', batch);
			expect(ack.ok && ack.accepted.length).toBe(batch.length);
			await server.app.presence.settle();
		}
		return fixes.at(-1)!.t;
	}
	// a few metres of jitter inside the square
	const inside = (i: number) => ({ lat: MID.lat + Math.sin(i * 1.7) * 0.00008, lon: MID.lon + Math.cos(i * 2.3) * 0.0001 });

	it('gives the phone the engine’s inside time as of its latest fix, and the same visit after a reconnection and a short silence', async () => {
		const t0 = Date.now() - 60 * 60_000;
		const last = await walk(t0, 5 * 60_000, inside);
		const live = updates.filter((u) => !u.ended);
		expect(live.length).toBeGreaterThanOrEqual(4); // started, then each whole minute
		const u = live.at(-1)!;
		expect(u).toMatchObject({ hotspot: hotspotId, hotspotName: 'Carfax', visitStart: t0, insideNow: true, ended: false });
		// sent at the last whole minute, behind the 30 s reorder window; exact as of asOf, which the phone counts on from
		expect(u.asOf).toBeGreaterThan(last - 95_000);
		expect(u.insideMs).toBe(u.asOf! - t0);

		// a reload: the hello of the new connection and the page load both give the open visit
		phone.close();
		const again = await connect(server.url, token);
		phone = again.socket;
		phone.on('presence:update', (x) => updates.push(x));
		const [hello] = await again.hello;
		expect(hello).toMatchObject({ hotspot: hotspotId, visitStart: t0, insideNow: true, ended: false });
		expect(hello.insideMs).toBeGreaterThanOrEqual(u.insideMs);
		expect(await currentVisits(server.app, officerId)).toEqual([expect.objectContaining({ visitStart: t0, insideMs: hello.insideMs })]);

		// 7 minutes without a fix, then inside again: the same visit goes on (rule 4)
		await walk(last + 7 * 60_000, 90_000, inside);
		offset += 31_000;
		await server.app.presence.settle();
		expect(updates.filter((x) => x.ended)).toEqual([]);
		expect(updates.at(-1)).toMatchObject({ visitStart: t0, insideNow: true });
	});

	it('stops the phone’s count when the officer steps out, and starts a new visit after a silence of more than 10 minutes', async () => {
		const t0 = Date.now() - 60 * 60_000;
		const last = await walk(t0, 3 * 60_000, inside);
		// 60 s a street away (80 m north of the edge): an excursion, not yet the end of the visit
		const out = await walk(last + 3000, 60_000, () => ({ lat: N + 0.0007, lon: MID.lon }));
		offset += 31_000;
		await server.app.presence.settle();
		const stepped = updates.at(-1)!;
		expect(stepped).toMatchObject({ visitStart: t0, insideNow: false, ended: false });
		expect(stepped.insideMs).toBe(last - t0);

		// back inside, then silent for 11 minutes: the server's clock ends the visit, and the next one is new
		const back = await walk(out + 3000, 30_000, inside);
		offset = back + 11 * 60_000 - Date.now();
		await server.app.presence.settle();
		await expect.poll(() => updates.at(-1)).toMatchObject({ visitStart: t0, ended: true });
		await walk(back + 11 * 60_000, 60_000, inside);
		offset += 31_000;
		await server.app.presence.settle();
		expect(updates.at(-1)).toMatchObject({ visitStart: back + 11 * 60_000, ended: false, insideNow: true });
		expect(await currentVisits(server.app, officerId)).toEqual([expect.objectContaining({ visitStart: back + 11 * 60_000 })]);
	});
});
