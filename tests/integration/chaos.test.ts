// Chaos, bounded: CHAOS_PHONES phones (200) for CHAOS_SECONDS (120) against two node processes on
// PostgreSQL and a private redis-server, while the harness kill -9s a node (and brings it back),
// kills and restarts Redis, and cuts every phone off for a while. Phones behave as the app does:
// each fix goes into an outbox and is sent until acknowledged, to whichever node answers (as a
// load balancer would). At the end every fix produced is stored exactly once, and after each
// fault the control room shows fixes made after it within 10 s. The nodes and phones are in
// chaos-actors.ts.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { freePort, NodeProcess, Phone, sleep, type Client } from './chaos-actors.ts';
import { startTestServer, testConfig, testDatabases, TEST_DATABASE_URL } from './harness.ts';
import { privateRedis, type PrivateRedis } from './redis-server.ts';

const PHONES = Number(process.env.CHAOS_PHONES ?? 200);
const SECONDS = Number(process.env.CHAOS_SECONDS ?? 120);
const CONVERGE_MS = 10_000;
const pg = testDatabases().find((d) => d.kind === 'postgres');

describe.skipIf(!pg)('chaos', () => {
	let redis: PrivateRedis | null = null;
	const nodes: NodeProcess[] = [];
	afterAll(async () => {
		for (const n of nodes) await n.kill9();
		await redis?.stop();
	});

	it(`${PHONES} phones for ${SECONDS} s through a killed node, a Redis restart and a cut-off: every fix stored once, the control room converges`, async () => {
		redis = await privateRedis();
		const db = pg!.fresh();
		if (db.kind !== 'postgres') throw new Error('chaos needs PostgreSQL');
		const seed = await startTestServer(testConfig(db));
		const now = Date.now();
		const tokens: string[] = [];
		const officerIds: number[] = [];
		for (let k = 0; k < PHONES; k++) {
			const u = await createUser(seed.app.db, { username: `chaos-${k}`, role: 'officer', callsign: `CH-${k}` }, now);
			officerIds.push(u.id);
			tokens.push(await createToken(seed.app.db, u.id, 'device', 'chaos', now));
		}
		const sup = await createUser(seed.app.db, { username: 'chaos-sgt', role: 'supervisor' }, now);
		const supToken = await createToken(seed.app.db, sup.id, 'api', 'chaos', now);
		const dbUrl = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${db.schema}`;
		const prefix = `chaos${randomUUID().slice(0, 6)}:`;
		for (const name of ['A', 'B']) {
			nodes.push(new NodeProcess(await freePort(), { DATABASE_URL: dbUrl, REDIS_URL: redis.url, REDIS_PREFIX: prefix, NODE_ID: name }));
		}
		await Promise.all(nodes.map((n) => n.start()));
		const [a, b] = nodes;

		// the control room: on B, moving to A if B is down; remembers each officer's newest fix time
		const seen = new Map<number, number>();
		let control: Client | null = null;
		const connectControl = async () => {
			for (const n of [b, a]) {
				if (!n.alive) continue;
				const s: Client = io(n.url, { path: '/socket.io', transports: ['websocket'], auth: { token: supToken } });
				s.on('officers:moved', (moves) => {
					for (const m of moves) seen.set(m.officer, Math.max(seen.get(m.officer) ?? 0, m.t));
				});
				control = s;
				return;
			}
		};
		await connectControl();

		// phones alternate between the nodes, and move to the other one when theirs fails
		const phones = tokens.map((t, k) => new Phone(t, [a, b], k));
		let running = true;
		const start = Date.now();
		// produce at 1 Hz each, at its own phase; pump every 250 ms
		const producer = setInterval(() => {
			const t = Date.now();
			const slot = Math.floor((t / 100) % 10);
			phones.forEach((p, k) => k % 10 === slot && p.produce(t));
		}, 100);
		const pumping = (async () => {
			while (running) {
				await Promise.all(phones.map((p) => p.pump()));
				await sleep(250);
			}
		})();

		/** After a fault ends at `since`: the time until the control room shows, for every phone, a fix made after it. */
		const converge = async (what: string, since: number) => {
			const t0 = Date.now();
			for (;;) {
				const behind = phones.filter((p, k) => (seen.get(officerIds[k]) ?? 0) < since + 1000);
				if (behind.length === 0) return Date.now() - t0;
				if (Date.now() - t0 > CONVERGE_MS + 5000) throw new Error(`${what}: ${behind.length} officers not current in the control room after ${Date.now() - t0} ms`);
				await sleep(100);
			}
		};
		const at = (s: number) => sleep(Math.max(0, start + s * 1000 - Date.now()));
		const results: Record<string, number> = {};
		const scale = SECONDS / 120;

		await at(15 * scale);
		results.baseline = await converge('baseline', Date.now());
		// 1. Redis killed and restarted empty, with phones on both nodes and the control room on B
		await redis.kill();
		await sleep(3000);
		await redis.start();
		results.redisRestarted = await converge('Redis restarted', Date.now());
		// 2. kill -9 node A: its phones move to B; A comes back
		await at(45 * scale);
		await a.kill9();
		results.nodeKilled = await converge('node killed', Date.now());
		await a.start();
		// 3. every phone cut off for 30 s (scaled), then back
		await at(70 * scale);
		for (const p of phones) p.cut(true);
		await sleep(30_000 * scale);
		for (const p of phones) p.cut(false);
		results.phonesBack = await converge('phones back', Date.now());
		await at(SECONDS);
		running = false;
		clearInterval(producer);
		await pumping;
		// drain: everything produced is sent until acknowledged
		const drainEnd = Date.now() + 30_000;
		while (phones.some((p) => p.pending > 0) && Date.now() < drainEnd) {
			await Promise.all(phones.map((p) => p.pump()));
			await sleep(200);
		}
		for (const p of phones) p.close();
		(control as Client | null)?.close();

		const produced = phones.flatMap((p) => p.produced.map((f) => f.id));
		const acked = phones.reduce((s, p) => s + p.acked.size, 0);
		const stored = Number(
			(
				await seed.app.db
					.selectFrom('fixes')
					.select((eb) => eb.fn.countAll().as('c'))
					.where('officer_id', 'in', officerIds)
					.executeTakeFirstOrThrow()
			).c
		);
		const missing: string[] = [];
		for (let i = 0; i < produced.length; i += 5000) {
			const chunk = produced.slice(i, i + 5000);
			const have = new Set((await seed.app.db.selectFrom('fixes').select('id').where('id', 'in', chunk).execute()).map((r) => r.id));
			for (const id of chunk) if (!have.has(id)) missing.push(id);
		}
		console.log(`chaos: ${PHONES} phones, ${produced.length} fixes produced, ${acked} acknowledged, ${stored} stored, ${missing.length} missing; convergence (ms) ${JSON.stringify(results)}`);
		await seed.close();
		expect(missing).toEqual([]);
		expect(acked).toBe(produced.length);
		// exactly once: the table holds these officers' fixes and nothing else
		expect(stored).toBe(produced.length);
		for (const [fault, ms] of Object.entries(results)) expect(ms, fault).toBeLessThanOrEqual(CONVERGE_MS);
	}, (SECONDS + 180) * 1000);
});
