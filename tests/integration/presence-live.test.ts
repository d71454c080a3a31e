// The live path: fixes over a real socket → presence engine → visits in the database, the
// officer's timer and the control room's coverage states — on both databases.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServer, GapAlert, HotspotStatus, PresenceUpdate, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { insertHotspots, insertHotspotSet } from '../../src/lib/server/db/queries/hotspots.ts';
import { visitsBetween } from '../../src/lib/server/db/queries/visits.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { publishSet } from '../../src/lib/server/services/detection.ts';
import { startTestServer, testConfig, testDatabases, type TestServer } from './harness.ts';

type Client = Socket<ServerToClient, ClientToServer>;
const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

// a 100 m square around Carfax; live all day every day
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
	let phone: Client;
	let control: Client;
	let officerId: number;
	let hotspotId: number;
	// the server's clock, which the test moves: fixes arrive a second after their device time
	let offset = 0;
	const now = () => Date.now() + offset;

	async function publish(targetS: number) {
		const setId = await insertHotspotSet(server.app.db, { name: 'test', params: {}, targetIntervalS: targetS, createdBy: null }, Date.now());
		await insertHotspots(server.app.db, setId, [
			{ key: 'carfax', rank: 1, name: 'Carfax', polygon: square, centroid: [(W + E) / 2, (S + N) / 2], bbox: [W, S, E, N], crimes: 10, harm: 100, z: 3, p: 0.01, windows: always, why: '', briefing: '' }
		]);
		await publishSet(server.app, setId, targetS);
		await server.app.presence.settle();
		hotspotId = (await server.app.db.selectFrom('hotspots').select('id').where('set_id', '=', setId).executeTakeFirstOrThrow()).id;
	}

	beforeEach(async () => {
		offset = 0;
		// a walk replayed fast, not a flood
		server = await startTestServer(testConfig(database.fresh(), { SOCKET_EVENTS_PER_SECOND: '10000' }), { now });
		const t = Date.now();
		const officer = await createUser(server.app.db, { username: 'pc1', role: 'officer', callsign: 'TV-1' }, t);
		officerId = officer.id;
		const sup = await createUser(server.app.db, { username: 'sgt1', role: 'supervisor' }, t);
		phone = await connect(server.url, await createToken(server.app.db, officer.id, 'device', 'test', t));
		control = await connect(server.url, await createToken(server.app.db, sup.id, 'api', 'test', t));
		await phone.emitWithAck('duty:set', { onDuty: true });
	});

	afterEach(async () => {
		phone.close();
		control.close();
		await server.close();
	});

	it('turns a patrol into a stored dose, tells the phone its timer, and the control room who is present', async () => {
		await publish(4 * 3600);
		const updates: PresenceUpdate[] = [];
		const statuses: HotspotStatus[] = [];
		phone.on('presence:update', (u) => updates.push(u));
		control.on('hotspots:status', (s) => statuses.push(...s));
		// 12.5 minutes inside at a fix every 5 s, having walked in from 150 m south; device times in the recent past
		const t0 = Date.now() - 20 * 60_000;
		const fixes = [];
		for (let i = 0; i < 6; i++) fixes.push({ t: t0 + i * 5000, lat: S - 0.0013 + i * 0.0002, lon: (W + E) / 2 });
		for (let i = 0; i < 150; i++) fixes.push({ t: t0 + 30_000 + i * 5000, lat: S + 0.00045 + Math.sin(i) * 0.0001, lon: (W + E) / 2 + Math.cos(i) * 0.0002 });
		for (let i = 1; i <= 30; i++) fixes.push({ t: t0 + 30_000 + 149 * 5000 + i * 5000, lat: N + 0.0005 + i * 0.00005, lon: (W + E) / 2 });
		for (let i = 0; i < fixes.length; i += 4) {
			const batch = fixes.slice(i, i + 4);
			offset = batch.at(-1)!.t + 1000 - Date.now();
			const ack = await phone.emitWithAck('position:report', batch.map((f) => ({ id: randomUUID(), accuracy: 6, ...f })));
			expect(ack.ok && ack.accepted.length).toBe(batch.length);
			await server.app.presence.settle();
		}
		// the reorder window passes
		offset += 31_000;
		await server.app.presence.settle();
		const visits = await visitsBetween(server.app.db, t0 - 1, Date.now(), { officer: officerId });
		expect(visits).toHaveLength(1);
		const v = visits[0];
		// the visit starts at the first of two consecutive inside fixes and ends at the last inside fix
		expect(v).toMatchObject({ hotspot: hotspotId, start: t0 + 30_000, end: t0 + 30_000 + 149 * 5000, dose: true, open: false, mode: 'foot' });
		expect(v.minutes).toBeCloseTo((149 * 5) / 60, 1);
		// socket messages are in flight after the commit: wait for them, never for a fixed time
		await expect.poll(() => updates.at(-1)).toMatchObject({ hotspot: hotspotId, hotspotName: 'Carfax', ended: true, dose: true });
		expect(updates.some((u) => !u.ended && u.minutesInside > 0)).toBe(true);
		await expect.poll(() => statuses.at(-1)).toMatchObject({ hotspot: hotspotId, state: 'dosed', lastDoseAt: v.end });
		expect(statuses.some((s) => s.hotspot === hotspotId && s.state === 'present' && s.present.includes(officerId))).toBe(true);
		// the snapshot agrees
		expect(server.app.presence.statuses().find((s) => s.hotspot === hotspotId)?.state).toBe('dosed');
	});

	it('opens a gap alert with the nearest free officers when the target interval passes without a dose', async () => {
		await phone.emitWithAck('position:report', { id: randomUUID(), t: Date.now() - 1000, lat: S - 0.002, lon: W, accuracy: 5 });
		const opened = new Promise<GapAlert>((resolve) => control.on('gap:opened', resolve));
		await publish(2);
		const gap = await opened;
		expect(gap).toMatchObject({ hotspot: hotspotId, name: 'Carfax', nearest: [{ officer: officerId, callsign: 'TV-1' }] });
		expect(gap.nearest[0].metres).toBeGreaterThan(150);
		expect(gap.nearest[0].metres).toBeLessThan(300);
	}, 20_000);

	it('folds a fix later than the engine holds by recomputing the officer from the stored fixes', async () => {
		await publish(4 * 3600);
		// at 1 Hz: inside 0–300 s, out 305–430 s (the visit ends), inside 435–735 s, then out until 1,500 s —
		// 1,480 fixes, far more than the 30 an engine holds for folding
		const t0 = Date.now() - 40 * 60_000;
		// on duty since just before the walk (only fixes of this duty are recomputed)
		offset = t0 - 60_000 - Date.now();
		await phone.emitWithAck('duty:set', { onDuty: false });
		await phone.emitWithAck('duty:set', { onDuty: true });
		const IN = { lat: (S + N) / 2, lon: (W + E) / 2 };
		const OUT = { lat: N + 0.0007, lon: (W + E) / 2 };
		const stretch = (from: number, to: number, at: { lat: number; lon: number }) =>
			Array.from({ length: to - from + 1 }, (_, i) => ({ id: randomUUID(), t: t0 + (from + i) * 1000, ...at, accuracy: 5 }));
		// (the phone's fix at 370 s comes later; 5 s either side of it, so the 130 m step is plausible)
		const fixes = [...stretch(0, 300, IN), ...stretch(305, 365, OUT), ...stretch(375, 430, OUT), ...stretch(435, 735, IN), ...stretch(740, 1500, OUT)];
		for (let i = 0; i < fixes.length; i += 500) {
			const batch = fixes.slice(i, i + 500);
			offset = batch.at(-1)!.t + 1000 - Date.now();
			const ack = await phone.emitWithAck('position:report', batch);
			expect(ack.ok && ack.accepted.length).toBe(batch.length);
			await server.app.presence.settle();
		}
		offset += 31_000;
		await server.app.presence.settle();
		const spans = async () => (await visitsBetween(server.app.db, t0 - 1, Date.now(), { officer: officerId })).map((v) => [(v.start - t0) / 1000, (v.end - t0) / 1000]);
		expect(await spans()).toEqual([[0, 300], [435, 735]]);
		expect(server.app.presence.rebuilds).toBe(0);
		// the phone had one more inside fix, at 370 s, and sends it now: neither stretch outside is then
		// longer than 2 minutes, so the two visits are one
		const ack = await phone.emitWithAck('position:report', { id: randomUUID(), t: t0 + 370_000, ...IN, accuracy: 5 });
		expect(ack.ok && ack.accepted.length).toBe(1);
		await server.app.presence.settle();
		expect(server.app.presence.rebuilds).toBe(1);
		expect(await spans()).toEqual([[0, 735]]);
	});

	it('ends an open visit when the officer goes off duty', async () => {
		await publish(4 * 3600);
		const t0 = Date.now() - 5 * 60_000;
		const inside = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), t: t0 + i * 5000, lat: S + 0.00045, lon: (W + E) / 2, accuracy: 5 }));
		offset = t0 + 20 * 5000 - Date.now();
		await phone.emitWithAck('position:report', inside);
		offset += 31_000;
		await server.app.presence.settle();
		expect((await visitsBetween(server.app.db, t0 - 1, Date.now()))[0]).toMatchObject({ open: true });
		await phone.emitWithAck('duty:set', { onDuty: false });
		await server.app.presence.settle();
		expect((await visitsBetween(server.app.db, t0 - 1, Date.now()))[0]).toMatchObject({ open: false, end: t0 + 19 * 5000 });
	});
});
