// What a force's operations team relies on, against the production server as its own process on
// SQLite: /healthz and /readyz open and terse, /metrics behind its token with every family the
// README lists, and JSON log lines with the node, request, socket and user ids — and no name,
// position or note — from a real web request and socket session.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { freePort } from './chaos-actors.ts';
import { seed, startAppProcess, webSession, type AppProcess } from './app-process.ts';
import { testDatabases } from './harness.ts';

type Client = Socket<ServerToClient, ClientToServer>;
const TOKEN = 'metrics-token-for-the-ops-test';
const NOTE = 'NOTE-Mrs-Hubbard-at-number-9';
const sqlite = testDatabases().find((d) => d.kind === 'sqlite')!;

function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
	for (const line of text.split('\n')) {
		if (!line.startsWith(name)) continue;
		const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
		if (!m || m[1] !== name) continue;
		const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
		if (Object.entries(labels).every(([k, v]) => got[k] === v) && Object.keys(got).length === Object.keys(labels).length) return Number(m[3]);
	}
	return null;
}

const connect = (url: string, opts: { cookie: string }): Promise<Client> =>
	new Promise((resolve, reject) => {
		const s: Client = io(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: opts.cookie, origin: url }, reconnection: false });
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
	});

describe('running it for a force', () => {
	const procs: AppProcess[] = [];
	afterAll(async () => {
		for (const p of procs) await p.stop();
		await sqlite.cleanup();
	});

	it('health, metrics and logs of a real request and socket session', async () => {
		const db = sqlite.fresh();
		const s = await seed(db);
		const app = await startAppProcess(db, { METRICS_TOKEN: TOKEN, NODE_ID: 'node-ops', LOG_LEVEL: 'info' });
		procs.push(app);

		// health: open, no session, nothing said beyond the word
		const healthz = await fetch(`${app.url}/healthz`);
		expect([healthz.status, await healthz.text()]).toEqual([200, 'ok\n']);
		const readyz = await fetch(`${app.url}/readyz`);
		expect([readyz.status, await readyz.text()]).toEqual([200, 'ready\n']);
		expect((await fetch(`${app.url}/api/health`)).status).toBe(200);

		// metrics: refused without the token or with another
		expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
		expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all-x' } })).status).toBe(401);
		const officerCookie = await webSession(app.url, s.officer.username, s.officer.password);
		expect((await fetch(`${app.url}/metrics`, { headers: { cookie: officerCookie } })).status).toBe(401);

		// a socket session: an officer reports, a supervisor's control room watches
		const supCookie = await webSession(app.url, s.supervisor.username, s.supervisor.password);
		const control = await connect(app.url, { cookie: supCookie });
		const moved = new Promise<void>((resolve) => control.on('officers:moved', () => resolve()));
		const phone = await connect(app.url, { cookie: officerCookie });
		expect(await phone.emitWithAck('duty:set', { onDuty: true })).toMatchObject({ ok: true });
		const a = randomUUID();
		const fix = { id: a, t: Date.now(), lat: 51.7515, lon: -1.2585, accuracy: 5 };
		const ack = await phone.emitWithAck('position:report', [fix, { ...fix, id: randomUUID(), lat: 91 }]);
		expect(ack).toMatchObject({ ok: true, accepted: [a], rejected: [{ error: expect.stringMatching(/^lat/) }] });
		expect(await phone.emitWithAck('position:report', fix)).toMatchObject({ ok: true, duplicates: [a] });
		expect(await phone.emitWithAck('activity:report', { id: randomUUID(), t: Date.now(), kind: 'visible-presence', hotspot: s.hotspotId, note: NOTE })).toMatchObject({ ok: true });
		await Promise.race([moved, new Promise((_, reject) => setTimeout(() => reject(new Error('the control room saw no move in 20 s')), 20_000))]);

		const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		const text = await res.text();
		expect(sample(text, 'hotspot_fixes_total', { outcome: 'received' })).toBe(3);
		expect(sample(text, 'hotspot_fixes_total', { outcome: 'stored' })).toBe(1);
		expect(sample(text, 'hotspot_fixes_total', { outcome: 'duplicate' })).toBe(1);
		expect(sample(text, 'hotspot_fixes_total', { outcome: 'rejected', reason: 'invalid' })).toBe(1);
		expect(sample(text, 'hotspot_ack_duration_seconds_count')).toBe(2);
		expect(sample(text, 'hotspot_fanout_duration_seconds_count')).toBe(1);
		expect(sample(text, 'hotspot_presence_lag_seconds_count')).toBeGreaterThanOrEqual(1);
		expect(sample(text, 'hotspot_sockets', { role: 'officer' })).toBe(1);
		expect(sample(text, 'hotspot_sockets', { role: 'supervisor' })).toBe(1);
		expect(sample(text, 'hotspot_db_transaction_duration_seconds_count', { outcome: 'commit' })).toBeGreaterThan(2);
		expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
		expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
		// no Redis here: no outbox to report
		expect(text).not.toMatch(/^hotspot_redis_outbox_fixes \d/m);

		phone.close();
		control.close();
		await new Promise((r) => setTimeout(r, 300));

		// the log: JSON lines only, each with time, level and node; the request and socket ones
		// with their ids and the user's id; nothing that names or places anyone
		const lines = app.output().split('\n').filter(Boolean);
		const parsed = lines.map((l) => {
			try {
				return JSON.parse(l) as Record<string, unknown>;
			} catch {
				throw new Error(`not a JSON line: ${l}`);
			}
		});
		for (const o of parsed) expect(o).toMatchObject({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: expect.any(String), node: 'node-ops' });
		expect(parsed.find((o) => o.msg === 'http' && o.route === '/login' && o.method === 'POST')).toMatchObject({ req: expect.any(String), status: 200, user: null, ms: expect.any(Number) });
		expect(parsed.find((o) => o.msg === 'http' && o.route === '/metrics' && o.status === 401 && o.user === s.officer.id)).toBeTruthy();
		const opened = parsed.find((o) => o.msg === 'socket connected' && o.user === s.officer.id);
		expect(opened).toMatchObject({ socket: expect.any(String), role: 'officer' });
		expect(parsed.find((o) => o.msg === 'socket closed' && o.socket === opened!.socket)).toMatchObject({ user: s.officer.id, reason: expect.any(String) });
		const all = lines.join('\n');
		for (const secret of [s.officer.username, s.officer.callsign, s.supervisor.username, 'Queen Street', NOTE, '51.75', '-1.258', s.officer.deviceToken, TOKEN]) expect(all).not.toContain(secret);
	}, 180_000);

	it('/readyz says 503, and nothing more, while Redis is configured and away', async () => {
		const db = sqlite.fresh();
		await seed(db);
		const app = await startAppProcess(db, { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_PREFIX: `ops${randomUUID().slice(0, 6)}:` });
		procs.push(app);
		const healthz = await fetch(`${app.url}/healthz`);
		expect(healthz.status).toBe(200);
		const readyz = await fetch(`${app.url}/readyz`);
		expect([readyz.status, await readyz.text()]).toEqual([503, 'not ready\n']);
		// without METRICS_TOKEN there is no /metrics at all
		expect((await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
	}, 60_000);
});
