// The control room's snapshot on both databases: a room opened while a gap is open gets the gap
// with its nearest free officers (not only rooms that heard `gap:opened`), and taskings by callsign.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { insertHotspots, insertHotspotSet } from '../../src/lib/server/db/queries/hotspots.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { controlSnapshot } from '../../src/lib/server/services/control-snapshot.ts';
import { publishSet } from '../../src/lib/server/services/detection.ts';
import { createTasking } from '../../src/lib/server/services/taskings.ts';
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

function connect(url: string, token: string): Promise<Client> {
	return new Promise((resolve, reject) => {
		const s: Client = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
	});
}

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let server: TestServer;
	let phones: Client[];
	let ids: number[];
	let offset = 0;
	const now = () => Date.now() + offset;

	beforeEach(async () => {
		offset = 0;
		server = await startTestServer(testConfig(database.fresh()), { now });
		const t = Date.now();
		phones = [];
		ids = [];
		for (const [name, callsign] of [['pc1', 'TV-1'], ['pc2', 'TV-2'], ['pc3', 'TV-3']]) {
			const u = await createUser(server.app.db, { username: name, role: 'officer', callsign }, t);
			ids.push(u.id);
			const phone = await connect(server.url, await createToken(server.app.db, u.id, 'device', 'test', t));
			await phone.emitWithAck('duty:set', { onDuty: true });
			phones.push(phone);
		}
	});

	afterEach(async () => {
		for (const p of phones) p.close();
		await server.close();
	});

	it('carries every open gap with the nearest free officers, and taskings by callsign', async () => {
		// TV-1 about 2.2 km south, TV-2 about 220 m, TV-3 about 1.1 km
		const fix = (i: number, lat: number, lon: number) => phones[i].emitWithAck('position:report', { id: randomUUID(), t: Date.now() - 1000, lat, lon, accuracy: 5 });
		await fix(0, S - 0.0195, (W + E) / 2);
		await fix(1, S - 0.0015, (W + E) / 2);
		await fix(2, S - 0.0095, (W + E) / 2);
		const setId = await insertHotspotSet(server.app.db, { name: 'test', params: {}, targetIntervalS: 2, createdBy: null }, Date.now());
		await insertHotspots(server.app.db, setId, [
			{ key: 'carfax', rank: 1, name: 'Carfax', polygon: square, centroid: [(W + E) / 2, (S + N) / 2], bbox: [W, S, E, N], crimes: 10, harm: 100, z: 3, p: 0.01, windows: always, why: '', briefing: '' }
		]);
		await publishSet(server.app, setId, 2);
		await server.app.presence.settle();
		const hotspot = (await server.app.db.selectFrom('hotspots').select('id').where('set_id', '=', setId).executeTakeFirstOrThrow()).id;
		// the gap opens 2 s after publication (the window is open all day)
		await expect.poll(async () => (await controlSnapshot(server.app)).gaps.length, { timeout: 10_000 }).toBe(1);
		const snap = await controlSnapshot(server.app);
		expect(snap.gaps[0]).toMatchObject({ hotspot, name: 'Carfax' });
		expect(snap.gaps[0].nearest.map((o) => o.callsign)).toEqual(['TV-2', 'TV-3', 'TV-1']);
		expect(snap.gaps[0].nearest[0].metres).toBeGreaterThan(150);
		expect(snap.gaps[0].nearest[0].metres).toBeLessThan(300);
		expect(snap.hotspots.find((h) => h.hotspot === hotspot)?.state).toBe('gap');

		const t = await createTasking(server.app, { officer: ids[1], hotspot, kind: 'supervisor', createdBy: null });
		expect(t.callsign).toBe('TV-2');
		expect((await controlSnapshot(server.app)).taskings).toEqual([expect.objectContaining({ id: t.id, callsign: 'TV-2', hotspotName: 'Carfax', status: 'offered' })]);
	}, 20_000);
});
