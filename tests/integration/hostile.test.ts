// The security review's findings, each as a request an attacker (or a broken phone) would send to
// the production server running as its own process: a deeply nested socket frame, events without
// an ack or with unknown names, oversized and chunked bodies, numbers in disguise, a device token
// under someone else's name, a hostile `next`, activities at unknown hot spots or in the year 33658.
// After each, the process must be alive and answering.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';
import type { DatabaseConfig } from '../../src/lib/server/config.ts';
import { openDatabase } from '../../src/lib/server/db/connect.ts';
import { seed, startAppProcess, webSession, type AppProcess, type Seed } from './app-process.ts';
import { testDatabases } from './harness.ts';
import { nested, rawEmit, rawPost } from './raw-client.ts';

type Client = Socket<ServerToClient, ClientToServer>;
const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

function rssKb(pid: number): number {
	return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let app: AppProcess;
	let s: Seed;
	let officerCookie: string;
	const clients: Client[] = [];

	const connect = (auth: Record<string, unknown>, headers?: Record<string, string>): Promise<Client> =>
		new Promise((resolve, reject) => {
			const c: Client = io(app.url, { path: '/socket.io', transports: ['websocket'], auth, reconnection: false, extraHeaders: headers });
			clients.push(c);
			c.once('connect', () => resolve(c));
			c.once('connect_error', reject);
		});
	const webPhone = () => connect({}, { cookie: officerCookie, origin: app.url });
	const health = async () => (await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(5000) })).status;
	const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });

	let db: DatabaseConfig;
	beforeAll(async () => {
		db = database.fresh();
		s = await seed(db);
		app = await startAppProcess(db, { IMPORT_MAX_BYTES: '200K' });
		officerCookie = await webSession(app.url, s.officer.username, s.officer.password);
	});
	afterAll(async () => {
		for (const c of clients.splice(0)) c.close();
		await app?.stop();
	});

	it('a position report whose t or lat is 6,000 nested arrays is refused by name, and the server stays up', async () => {
		const phone = await webPhone();
		expect(await phone.emitWithAck('duty:set', { onDuty: true })).toEqual({ ok: true, onDuty: true });
		for (const field of ['t', 'lat']) {
			const fix: Record<string, string> = { id: `"${randomUUID()}"`, t: String(Date.now()), lat: '51.75', lon: '-1.25', accuracy: '5' };
			fix[field] = nested(6000);
			const frame = `["position:report",{${Object.entries(fix).map(([k, v]) => `"${k}":${v}`).join(',')}}]`;
			expect(frame.length).toBeGreaterThan(12_000);
			const [ack] = (await rawEmit(phone, frame)) as [{ ok: boolean; error: string }];
			expect(ack.ok).toBe(false);
			expect(ack.error).toMatch(new RegExp(`^(payload|${field})\\b`));
			expect(ack.error.length).toBeLessThan(300);
		}
		expect(app.alive()).toBe(true);
		expect(await health()).toBe(200);
		// and the same session still reports
		const f = { id: randomUUID(), t: Date.now() - 1000, lat: 51.7515, lon: -1.2585, accuracy: 5 };
		expect(await phone.emitWithAck('position:report', f)).toMatchObject({ ok: true, accepted: [f.id] });
	});

	it('answers every event: unknown names, extra arguments, and a missing or non-function ack', async () => {
		const phone = await connect({ token: s.officer.apiToken });
		const [unknown] = (await rawEmit(phone, '["no:such-event",{"a":1}]')) as [{ ok: boolean; error: string }];
		expect(unknown).toMatchObject({ ok: false, error: expect.stringMatching(/unknown event/) });
		const [numeric] = (await rawEmit(phone, `[42,${nested(3000)}]`)) as [{ ok: boolean }];
		expect(numeric.ok).toBe(false);
		const [extra] = (await rawEmit(phone, '["duty:set",{"onDuty":true},"more"]')) as [{ ok: boolean; error: string }];
		expect(extra).toMatchObject({ ok: false, error: expect.stringMatching(/one payload/) });
		const refused = new Promise<{ event: string; error: string }>((resolve) => phone.once('request:error', resolve));
		phone.io.engine.send('2["duty:set",{"onDuty":true},"not a function"]');
		expect(await refused).toMatchObject({ event: 'duty:set', error: expect.stringMatching(/acknowledgement/) });
		const refused2 = new Promise<{ event: string; error: string }>((resolve) => phone.once('request:error', resolve));
		// the typed client insists on an ack; a hand-written client need not send one
		(phone as unknown as Socket).emit('position:report', { id: randomUUID(), t: Date.now(), lat: 51, lon: -1, accuracy: 5 });
		expect(await refused2).toMatchObject({ event: 'position:report' });
		expect(app.alive()).toBe(true);
	});

	it('device endpoints answer 413 before parsing or checking the token: by Content-Length, while streaming, and for 50 MB', async () => {
		const big = Buffer.alloc(100 * 1024, 'a');
		const byLength = await post('/api/devices/osmand', big, { 'content-type': 'application/json' });
		expect(byLength.status).toBe(413);
		const chunked = await rawPost(app.url, '/api/devices/owntracks', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, Array.from({ length: 20 }, () => Buffer.alloc(8 * 1024, ' ')));
		expect(chunked.status).toBe(413);
		const rss0 = rssKb(app.child.pid!);
		const chunk = Buffer.alloc(1024 * 1024, 'a');
		const huge = await rawPost(app.url, '/api/devices/osmand', { 'content-type': 'application/json', 'content-length': String(50 * chunk.length) }, Array.from({ length: 50 }, () => chunk));
		const grewMb = (rssKb(app.child.pid!) - rss0) / 1024;
		console.log(`50 MB unauthenticated to /api/devices/osmand: ${huge.status} in ${huge.ms.toFixed(0)} ms, RSS +${grewMb.toFixed(1)} MB`);
		expect(huge.status).toBe(413);
		expect(huge.ms).toBeLessThan(1000);
		expect(grewMb).toBeLessThan(20);
		expect(await health()).toBe(200);
		// within the limit, a body is read as before
		expect((await post('/api/devices/osmand', JSON.stringify({ device_id: 'hp_wrong-token', location: { timestamp: new Date().toISOString(), coords: { latitude: 51, longitude: -1 } } }), { 'content-type': 'application/json' })).status).toBe(401);
	});

	it('other routes take at most 1 MB, imports IMPORT_MAX_BYTES, streamed', async () => {
		const cookie = await webSession(app.url, s.officer.username, s.officer.password);
		const big = JSON.stringify({ lat: 51.75, lon: -1.25, pad: 'x'.repeat(1024 * 1024 + 10) });
		expect((await post('/api/officer/send-me', big, { 'content-type': 'application/json', cookie })).status).toBe(413);
		const analyst = await webSession(app.url, s.analyst.username, s.analyst.password);
		const file = Buffer.from('Crime ID,Month,Longitude,Latitude,Crime type\n' + 'x,2024-01,-1.25,51.75,Burglary\n'.repeat(10_000));
		expect(file.length).toBeGreaterThan(200 * 1024);
		const upload = await rawPost(app.url, `/api/analyst/imports?job=${randomUUID()}&file=big.csv`, { 'content-type': 'text/csv', 'transfer-encoding': 'chunked', cookie: analyst, origin: app.url }, [file.subarray(0, 150_000), file.subarray(150_000)]);
		expect(upload.status).toBe(413);
		expect(app.alive()).toBe(true);
	});

	it('the apps’ own request formats (tests/fixtures/devices) are still read and stored, at today’s time', async () => {
		const phone = await connect({ token: s.officer.apiToken });
		expect(await phone.emitWithAck('duty:set', { onDuty: true })).toMatchObject({ ok: true });
		const fixture = (p: string) => readFileSync(new URL(`../fixtures/devices/${p}`, import.meta.url), 'utf8');
		const now = Math.floor(Date.now() / 1000) - 60;
		const traccar = JSON.parse(fixture('traccar-client-9.json'));
		traccar.device_id = s.officer.deviceToken;
		traccar.location.timestamp = new Date(now * 1000).toISOString();
		traccar.location.uuid = randomUUID();
		const query = fixture('traccar-client-query.txt').trim().replace('REPLACED_BY_TEST', encodeURIComponent(s.officer.deviceToken)).replace(/timestamp=\d+/, `timestamp=${now - 10}`);
		const owntracks = { ...JSON.parse(fixture('owntracks-location.json')), tst: now - 20 };
		const auth = 'Basic ' + Buffer.from(`${s.officer.callsign}:${s.officer.deviceToken}`).toString('base64');
		expect(await (await post('/api/devices/osmand', JSON.stringify(traccar), { 'content-type': 'application/json' })).text()).toBe('OK');
		expect(await (await fetch(`${app.url}/api/devices/osmand?${query}`)).text()).toBe('OK');
		expect((await post('/api/devices/owntracks', JSON.stringify(owntracks), { 'content-type': 'application/json', authorization: auth })).status).toBe(200);
		const h = await openDatabase(db);
		try {
			const rows = await h.db.selectFrom('fixes').select(['id', 'source', 'lat', 'speed', 'accuracy']).where('t', '>=', (now - 30) * 1000).where('source', 'in', ['osmand', 'owntracks']).execute();
			expect(rows.find((r) => r.id === traccar.location.uuid)).toMatchObject({ lat: 51.7519, speed: 1.3, accuracy: 9.5 });
			expect(rows.find((r) => r.source === 'osmand' && r.id !== traccar.location.uuid)).toMatchObject({ lat: 51.7521, accuracy: 12 });
			expect(rows.find((r) => r.source === 'owntracks')).toMatchObject({ lat: 51.7523, accuracy: 13 });
		} finally {
			await h.close();
		}
	});

	it('OwnTracks and OsmAnd numbers are strict: null, hex and booleans are refused naming the field', async () => {
		const auth = 'Basic ' + Buffer.from(`${s.officer.callsign}:${s.officer.deviceToken}`).toString('base64');
		const tst = Math.floor(Date.now() / 1000);
		const owntracks = (m: Record<string, unknown>) => post('/api/devices/owntracks', JSON.stringify({ _type: 'location', lat: 51.75, lon: -1.25, tst, acc: 5, ...m }), { 'content-type': 'application/json', authorization: auth });
		const latNull = await owntracks({ lat: null });
		expect(latNull.status).toBe(400);
		expect(await latNull.text()).toMatch(/^lat\b/);
		const accText = await owntracks({ acc: '5' });
		expect(accText.status).toBe(400);
		expect(await accText.text()).toMatch(/^acc\b/);
		const hex = await fetch(`${app.url}/api/devices/osmand?id=${encodeURIComponent(s.officer.deviceToken)}&timestamp=${tst}&lat=0x33&lon=-1.25`);
		expect(hex.status).toBe(400);
		expect(await hex.text()).toMatch(/^lat\b/);
		const bool = await post('/api/devices/osmand', JSON.stringify({ device_id: s.officer.deviceToken, location: { timestamp: new Date().toISOString(), coords: { latitude: true, longitude: -1.25 } } }), { 'content-type': 'application/json' });
		expect(bool.status).toBe(400);
		expect(await bool.text()).toMatch(/latitude/);
	});

	it('the OwnTracks username must be the callsign of the token', async () => {
		const other = 'Basic ' + Buffer.from(`SOMEONE-ELSE:${s.officer.deviceToken}`).toString('base64');
		const r = await post('/api/devices/owntracks', JSON.stringify({ _type: 'location', lat: 51.75, lon: -1.25, tst: Math.floor(Date.now() / 1000) }), { 'content-type': 'application/json', authorization: other });
		expect(r.status).toBe(401);
	});

	it('a 5,000-deep OsmAnd JSON body answers 400, not 500', async () => {
		for (const body of [
			`{"device_id":"${s.officer.deviceToken}","location":{"timestamp":${Math.floor(Date.now() / 1000)},"coords":{"latitude":${nested(5000)},"longitude":-1.25}}}`,
			`{"device_id":"${s.officer.deviceToken}","location":${nested(5000)}}`,
			`{"device_id":${nested(5000)}}`
		]) {
			const r = await post('/api/devices/osmand', body, { 'content-type': 'application/json' });
			expect(r.status).toBe(400);
		}
		expect(app.alive()).toBe(true);
	});

	it('an unsafe ?next= after logging in goes to the role’s home; a safe one is followed', async () => {
		const login = (next: string) =>
			post(`/login?next=${encodeURIComponent(next)}`, new URLSearchParams({ username: s.supervisor.username, password: s.supervisor.password }), { 'content-type': 'application/x-www-form-urlencoded', origin: app.url, accept: 'text/html' });
		for (const next of ['/\\evil.example', '//evil.example', 'https://evil.example/', '/control\u0000x', '/\tevil', 'javascript:alert(1)']) {
			const r = await login(next);
			expect(r.status, next).toBe(303);
			expect(r.headers.get('location'), next).toBe('/control');
		}
		const ok = await login('/control/wall?theme=night');
		expect(ok.headers.get('location')).toBe('/control/wall?theme=night');
	});

	it('activities at an unknown hot spot or at t = 1e15 are refused per item, naming the field', async () => {
		const phone = await connect({ token: s.officer.apiToken });
		const good = { id: randomUUID(), t: Date.now() - 60_000, kind: 'visible-presence', hotspot: s.hotspotId };
		const unknown = { id: randomUUID(), t: Date.now(), kind: 'visible-presence', hotspot: s.hotspotId + 999 };
		const future = { id: randomUUID(), t: 1e15, kind: 'visible-presence' };
		const ack = await phone.emitWithAck('activity:report', [good, unknown, future]);
		expect(ack).toMatchObject({ ok: true, accepted: [good.id] });
		const rejected = ack.ok ? ack.rejected : [];
		expect(rejected.find((r) => r.id === unknown.id)?.error).toMatch(/^hotspot\b/);
		expect(rejected.find((r) => r.id === future.id)?.error).toMatch(/^t\b/);
		expect(app.alive()).toBe(true);
	});
});
