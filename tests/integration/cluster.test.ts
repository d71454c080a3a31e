// Several nodes on one PostgreSQL and one Redis (a private redis-server on a free port, so it can
// be killed): officers on node A watched from node B, the presence lease changing hands, and
// a Redis outage during which fixes are still stored and acknowledged.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServer, HotspotStatus, OfficerMove, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { insertHotspots, insertHotspotSet } from '../../src/lib/server/db/queries/hotspots.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { publishSet } from '../../src/lib/server/services/detection.ts';
import type { DatabaseConfig } from '../../src/lib/server/config.ts';
import { startTestServer, testConfig, testDatabases, type TestServer } from './harness.ts';
import { privateRedis, type PrivateRedis } from './redis-server.ts';

type Client = Socket<ServerToClient, ClientToServer>;
const pgOnly = testDatabases().filter((d) => d.kind === 'postgres');
if (pgOnly.length === 0) console.warn('skipping the cluster tests: PostgreSQL does not answer');

const CENTRE = { lat: 51.7520, lon: -1.2580 };
const square: [number, number][][] = [[[-1.2585, 51.7515], [-1.2575, 51.7515], [-1.2575, 51.7525], [-1.2585, 51.7525], [-1.2585, 51.7515]]];

async function until<T>(what: string, f: () => T | Promise<T>, ms = 15_000): Promise<NonNullable<T>> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await f();
		if (v) return v as NonNullable<T>;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe.each(pgOnly.map((d) => [d.kind, d] as const))('cluster on %s', (_kind, database) => {
	let redis: PrivateRedis;
	let db: DatabaseConfig;
	const nodes: TestServer[] = [];
	const clients: Client[] = [];
	let officerToken: string;
	let supervisorToken: string;
	let officerId: number;
	let hotspotId: number;

	const node = async (name: string, prefix: string) => {
		const n = await startTestServer(testConfig(db, { REDIS_URL: redis.url, REDIS_PREFIX: prefix, NODE_ID: name }));
		nodes.push(n);
		return n;
	};
	const connect = (url: string, token: string): Promise<Client> =>
		new Promise((resolve, reject) => {
			const s: Client = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
			clients.push(s);
			s.once('connect', () => resolve(s));
			s.once('connect_error', reject);
		});
	const fix = (t = Date.now(), at = CENTRE) => ({ id: randomUUID(), t, lat: at.lat, lon: at.lon, accuracy: 5, speed: 1.2 });
	const storedCount = async (n: TestServer, ids: string[]) =>
		Number((await n.app.db.selectFrom('fixes').select((eb) => eb.fn.countAll().as('c')).where('id', 'in', ids).executeTakeFirstOrThrow()).c);

	beforeAll(async () => {
		redis = await privateRedis();
		db = database.fresh();
		// seed through a plain node first (migrations, users, a published hot spot)
		const seed = await startTestServer(testConfig(db));
		const now = Date.now();
		const officer = await createUser(seed.app.db, { username: 'pc-cl', role: 'officer', callsign: 'CL-1' }, now);
		officerId = officer.id;
		officerToken = await createToken(seed.app.db, officer.id, 'device', 'test', now);
		const sup = await createUser(seed.app.db, { username: 'sgt-cl', role: 'supervisor' }, now);
		supervisorToken = await createToken(seed.app.db, sup.id, 'api', 'test', now);
		const setId = await insertHotspotSet(seed.app.db, { name: 'Cluster', params: {}, targetIntervalS: 4 * 3600, createdBy: null }, now);
		await insertHotspots(seed.app.db, setId, [
			{ key: 'c', rank: 1, name: 'Carfax', polygon: square, centroid: [-1.258, 51.752], bbox: [-1.2585, 51.7515, -1.2575, 51.7525], crimes: 9, harm: 99, z: 3, p: 0.01, windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00', tz: 'Europe/London' }], why: '', briefing: '' }
		]);
		await publishSet(seed.app, setId);
		hotspotId = (await seed.app.db.selectFrom('hotspots').select('id').executeTakeFirstOrThrow()).id;
		await seed.close();
	}, 60_000);

	afterEach(async () => {
		for (const c of clients.splice(0)) c.close();
		for (const n of nodes.splice(0).reverse()) await n.close();
	});

	afterAll(async () => {
		await redis?.stop();
	});

	it('serves officers on node A to a control room on node B, and hands presence over when its node stops', async () => {
		const prefix = `t${randomUUID().slice(0, 8)}:`;
		const a = await node('A', prefix);
		const b = await node('B', prefix);
		const leader = await until('a presence leader', () => [a, b].find((n) => n.app.presence.currentRole === 'leader'));
		const follower = leader === a ? b : a;
		expect(follower.app.presence.currentRole).toBe('follower');

		const control = await connect(b.url, supervisorToken);
		const moves: OfficerMove[] = [];
		const statuses: HotspotStatus[] = [];
		control.on('officers:moved', (m) => moves.push(...m));
		control.on('hotspots:status', (s) => statuses.push(...s));
		const phone = await connect(a.url, officerToken);
		expect(await phone.emitWithAck('duty:set', { onDuty: true })).toEqual({ ok: true, onDuty: true });
		// B's own picture learns of the duty through Redis
		await until('B to see the officer on duty', () => b.app.fleet.get(officerId));

		const sent: string[] = [];
		const start = Date.now() - 60_000;
		for (let k = 0; k < 12; k++) {
			const f = fix(start + k * 5000);
			sent.push(f.id);
			const ack = await phone.emitWithAck('position:report', f);
			expect(ack).toMatchObject({ ok: true, accepted: [f.id] });
		}
		expect(await storedCount(a, sent)).toBe(12);
		// the move fans out from A through the adapter to B's control room; B's snapshot knows the place
		await until('the move at B', () => moves.some((m) => m.fixId === sent[11]));
		await until("B's fleet to have the last fix", () => b.app.fleet.get(officerId)?.last?.fixId === sent[11]);
		// the leader (whichever node) applied them: the officer is present in the hot spot, seen at B
		await until('presence at B', () => statuses.some((s) => s.hotspot === hotspotId && s.present.includes(officerId)));
		await until("B's statuses", () => b.app.presence.statuses().find((s) => s.hotspot === hotspotId)?.present.includes(officerId));

		// the leader stops: the other node takes the lease and rebuilds from the stored fixes
		await leader.close();
		nodes.splice(nodes.indexOf(leader), 1);
		await until('the other node to lead', () => follower.app.presence.currentRole === 'leader', 10_000);
		let phone2 = phone;
		if (leader === a) {
			phone.close();
			phone2 = await connect(b.url, officerToken);
		}
		const later = fix(start + 65_000);
		expect(await phone2.emitWithAck('position:report', later)).toMatchObject({ ok: true, accepted: [later.id] });
		await until('the new leader to have the officer present', () =>
			follower.app.presence.statuses().find((s) => s.hotspot === hotspotId)?.present.includes(officerId)
		);
		// going off duty on one node closes the visit wherever presence runs
		expect(await phone2.emitWithAck('duty:set', { onDuty: false })).toEqual({ ok: true, onDuty: false });
		await until('the visit to close', () => !follower.app.presence.statuses().find((s) => s.hotspot === hotspotId)?.present.includes(officerId));
	}, 60_000);

	it('keeps storing and acknowledging fixes while Redis is down, says so, and recovers by itself', async () => {
		const prefix = `t${randomUUID().slice(0, 8)}:`;
		const a = await node('A', prefix);
		await until('A to lead', () => a.app.presence.currentRole === 'leader');
		const control = await connect(a.url, supervisorToken);
		const states: { degraded: boolean }[] = [];
		const moves: OfficerMove[] = [];
		control.on('system:state', (s) => states.push(s));
		control.on('officers:moved', (m) => moves.push(...m));
		const phone = await connect(a.url, officerToken);
		expect(await phone.emitWithAck('duty:set', { onDuty: true })).toEqual({ ok: true, onDuty: true });

		await redis.kill();
		const during: string[] = [];
		for (let k = 0; k < 10; k++) {
			const f = fix();
			during.push(f.id);
			const ack = await phone.emitWithAck('position:report', f);
			expect(ack).toMatchObject({ ok: true, accepted: [f.id] });
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(await storedCount(a, during)).toBe(10);
		// fan-out falls back to this node's own sockets, and the control room is told
		await until('local fan-out', () => moves.some((m) => m.fixId === during[9]));
		await until('a degraded heartbeat', () => states.some((s) => s.degraded), 12_000);
		expect(a.app.cluster!.state.degraded).toBe(true);
		expect(a.app.presence.currentRole).toBe('local');
		expect(a.app.cluster!.state.outbox).toBeGreaterThan(0);

		await redis.start();
		await until('recovery', () => !a.app.cluster!.state.degraded, 15_000);
		await until('the outbox drained', () => a.app.cluster!.state.outbox === 0);
		await until('A to lead again', () => a.app.presence.currentRole === 'leader', 10_000);
		const after = fix();
		expect(await phone.emitWithAck('position:report', after)).toMatchObject({ ok: true, accepted: [after.id] });
		await until('a healthy heartbeat', () => states.at(-1)?.degraded === false, 12_000);
	}, 60_000);
});
