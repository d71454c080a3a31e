// SIGTERM while 200 phones report to the production server (its own process, SQLite): it exits 0
// within 10 s, every fix acked before it went is in the database the moment it has gone, sockets
// are hung up so the client reconnects by itself, and after a restart on the same port every fix
// the phones still held is resent and stored exactly once. Phones are the chaos test's: an
// outbox sent until acknowledged (chaos-actors.ts).
import SQLite from 'better-sqlite3';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/lib/server/app.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { freePort, Phone, sleep, type Client, type NodeProcess } from './chaos-actors.ts';
import { startAppProcess, type AppProcess } from './app-process.ts';
import { testConfig, testDatabases } from './harness.ts';

const PHONES = 200;
const sqlite = testDatabases().find((d) => d.kind === 'sqlite')!;

describe('shutdown', () => {
	const procs: AppProcess[] = [];
	afterAll(async () => {
		for (const p of procs) await p.stop();
		await sqlite.cleanup();
	});

	it(`SIGTERM while ${PHONES} phones report: exit 0 within 10 s, acked fixes stored, the rest resent and stored once`, async () => {
		const db = sqlite.fresh();
		if (db.kind !== 'sqlite') throw new Error('sqlite expected');
		const seedApp = await createApp(testConfig(db));
		const tokens: string[] = [];
		const now = Date.now();
		for (let k = 0; k < PHONES; k++) {
			const u = await createUser(seedApp.db, { username: `term-${k}`, role: 'officer', callsign: `TM-${k}` }, now);
			tokens.push(await createToken(seedApp.db, u.id, 'device', 'term', now));
		}
		await seedApp.close();

		const port = await freePort();
		let app = await startAppProcess(db, { PORT: String(port) });
		procs.push(app);
		// Phone only reads the node's url: the load balancer's address, the same before and after
		const node = { url: app.url } as NodeProcess;
		const phones = tokens.map((t, k) => new Phone(t, [node], k));
		// one more socket, to see how the server says goodbye
		const watcher: Client = io(app.url, { path: '/socket.io', transports: ['websocket'], auth: { token: tokens[0] }, reconnection: false });
		const goodbye = new Promise<string>((resolve) => watcher.once('disconnect', (reason) => resolve(reason)));

		let producing = true;
		const producer = setInterval(() => {
			if (!producing) return;
			const t = Date.now();
			const slot = Math.floor((t / 100) % 10);
			phones.forEach((p, k) => k % 10 === slot && p.produce(t));
		}, 100);
		let pumping = true;
		const pump = (async () => {
			while (pumping) {
				await Promise.all(phones.map((p) => p.pump()));
				await sleep(200);
			}
		})();

		try {
			// mid-stream: every phone connected and reporting (a loaded machine takes a while)
			const acked = () => phones.reduce((n, p) => n + p.acked.size, 0);
			const until = Date.now() + 40_000;
			while ((acked() < PHONES * 3 || phones.some((p) => p.acked.size === 0)) && Date.now() < until) await sleep(250);
			expect(phones.filter((p) => p.acked.size === 0)).toHaveLength(0);

			const t0 = Date.now();
			app.child.kill('SIGTERM');
			await new Promise<void>((resolve) => (app.child.exitCode !== null ? resolve() : app.child.once('exit', () => resolve())));
			const took = Date.now() - t0;
			expect(app.child.exitCode).toBe(0);
			expect(took).toBeLessThan(10_000);
			// a hang-up, not "io server disconnect": Socket.IO clients reconnect by themselves
			expect(await goodbye).toBe('transport close');
			expect(app.output()).toMatch(/"msg":"shutdown: done"/);

			// everything any phone was told is stored, is stored — read while the server is down
			const file = new SQLite(db.path, { readonly: true });
			const storedAtExit = new Set((file.prepare('select id from fixes').all() as { id: string }[]).map((r) => r.id));
			file.close();
			const ackedIds = phones.flatMap((p) => [...p.acked]);
			expect(ackedIds.filter((id) => !storedAtExit.has(id))).toEqual([]);
			const unacked = phones.reduce((n, p) => n + p.pending, 0);
			expect(unacked).toBeGreaterThan(0);

			// the phones keep producing while it is down; then it comes back on the same port
			await sleep(1500);
			app = await startAppProcess(db, { PORT: String(port) });
			procs.push(app);
			await sleep(2000);
			producing = false;
			const deadline = Date.now() + 40_000;
			while (phones.some((p) => p.pending > 0) && Date.now() < deadline) await sleep(250);
			expect(phones.reduce((n, p) => n + p.pending, 0)).toBe(0);
		} finally {
			clearInterval(producer);
			pumping = false;
			await pump;
			for (const p of phones) p.close();
			watcher.close();
			await app.stop();
		}

		const file = new SQLite(db.path, { readonly: true });
		const rows = file.prepare('select id from fixes').all() as { id: string }[];
		file.close();
		const produced = phones.flatMap((p) => p.produced.map((f) => f.id));
		const stored = new Set(rows.map((r) => r.id));
		expect(produced.filter((id) => !stored.has(id))).toEqual([]);
		// once each: nothing but these fixes, no id twice
		expect(rows.length).toBe(produced.length);
	}, 240_000);
});
