// Random hostile JSON at every socket event and every device and API endpoint of the production
// server, running as its own process: deep, wide, huge strings, odd types, `__proto__` and
// `constructor` keys, 1e308, -0, 1e999 (which JSON.parse reads as Infinity), "NaN"-ish strings,
// near-valid fixes with one field spoiled. Afterwards the process must be alive and answering,
// every caller must have had an answer in time — an answer for what was wrong, never a server
// error — and every stored fix and activity must pass the validators. The budget suits CI (well under a minute); FUZZ_SCALE=10 runs ten times as many.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseActivity } from '../../src/lib/domain/activity-report.ts';
import { parseFix } from '../../src/lib/domain/presence/fix.ts';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { openDatabase } from '../../src/lib/server/db/connect.ts';
import { seed, startAppProcess, webSession, type AppProcess, type Seed } from './app-process.ts';
import { testDatabases } from './harness.ts';
import type { DatabaseConfig } from '../../src/lib/server/config.ts';

type Client = Socket<ServerToClient, ClientToServer>;
const SCALE = Math.max(0.1, Number(process.env.FUZZ_SCALE ?? 1));
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const ANSWER_MS = 10_000;

// --- hostile JSON, as text: the client libraries cannot encode 20,000 nested arrays -------------
const odd = fc.constantFrom('1e308', '-1e308', '-0', '5e-324', '1e999', '-1e999', '1e15', '9007199254740993', '0', '-1', 'true', 'false', 'null', '""', '"NaN"', '"Infinity"', '"-0"', '"0x33"', '" 51"', '"51,75"', '"1e999"', '"__proto__"', '{}', '[]');
const deep = fc.integer({ min: 9, max: 60_000 }).chain((d) => fc.constantFrom('[', '{"a":').map((open) => open.repeat(d) + '1' + (open === '[' ? ']' : '}').repeat(d)));
const wide = fc.integer({ min: 1000, max: 40_000 }).map((n) => '[' + Array.from({ length: n }, (_, i) => i % 7).join(',') + ']');
const huge = fc.integer({ min: 10_000, max: 200_000 }).map((n) => JSON.stringify('x'.repeat(n)));
const protoKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then');
const small = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
const protoObject = fc.array(fc.tuple(protoKeys, fc.oneof(small, odd)), { maxLength: 4 }).map((kv) => '{' + kv.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',') + '}');
const hostile: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: small }, { weight: 3, arbitrary: odd }, { weight: 2, arbitrary: deep }, { weight: 1, arbitrary: wide }, { weight: 1, arbitrary: huge }, { weight: 2, arbitrary: protoObject });
/** JSON object text from field texts; `extra` adds a key such as "__proto__" that an object literal would not keep */
const objectText = (fields: Record<string, string | undefined>, extra?: [string, string | undefined]) =>
	'{' + [...Object.entries(fields), ...(extra ? [extra] : [])].filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',') + '}';
/** a valid value most of the time, else a hostile one: reaches the code behind the first check */
const maybe = (valid: fc.Arbitrary<string>) => fc.oneof({ weight: 16, arbitrary: valid }, { weight: 1, arbitrary: hostile }, { weight: 1, arbitrary: fc.constant(undefined) });
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map(String);

const fixText = (now: number) =>
	fc.tuple(fc.record({ id: maybe(fc.uuid().map((u) => JSON.stringify(u))), t: maybe(fc.integer({ min: now - 3_600_000, max: now }).map(String)), lat: maybe(num(51.74, 51.76)), lon: maybe(num(-1.27, -1.25)), accuracy: maybe(num(0, 80)), speed: maybe(num(0, 5)), heading: maybe(num(0, 360)) }), fc.option(hostile, { nil: undefined, freq: 4 }), protoKeys).map(([f, x, k]) => objectText(f, [k, x]));
const activityText = (now: number, hotspot: number) =>
	fc.tuple(fc.record({ id: maybe(fc.uuid().map((u) => JSON.stringify(u))), t: maybe(fc.integer({ min: now - 3_600_000, max: now }).map(String)), kind: maybe(fc.constantFrom('"visible-presence"', '"arrest"')), hotspot: maybe(fc.constantFrom(String(hotspot), String(hotspot + 1), '2147483648')), note: maybe(fc.string({ maxLength: 50 }).map((x) => JSON.stringify(x))) }), fc.option(hostile, { nil: undefined, freq: 4 }), protoKeys).map(([f, x, k]) => objectText(f, [k, x]));
const batch = (one: fc.Arbitrary<string>) => fc.oneof(one, fc.array(one, { maxLength: 20 }).map((xs) => `[${xs.join(',')}]`));

const anyName = fc.oneof({ weight: 2, arbitrary: fc.constantFrom('position:report', 'activity:report', 'duty:set', 'tasking:respond') }, { weight: 2, arbitrary: fc.constantFrom('error', 'no:such', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(5000)) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) });
/** [event name, payload] as JSON texts: each event with payloads near its own shape, and anything with anything */
const event = (now: number, hotspot: number) =>
	fc
		.oneof(
			fc.tuple(fc.constant('position:report'), batch(fixText(now))),
			fc.tuple(fc.constant('activity:report'), batch(activityText(now, hotspot))),
			fc.tuple(fc.constant('duty:set'), fc.oneof(fc.constant('{"onDuty":true}'), fc.record({ onDuty: maybe(fc.constant('true')) }).map((f) => objectText(f)))),
			fc.tuple(fc.constant('tasking:respond'), fc.record({ id: maybe(fc.uuid().map((u) => JSON.stringify(u))), accept: maybe(fc.constantFrom('true', 'false')) }).map((f) => objectText(f))),
			fc.tuple(anyName, hostile)
		)
		.map(([name, body]) => [JSON.stringify(name), body] as const);

/** How a frame ends: with an ack (normal), without one, or with extra arguments before it. */
const shape = fc.constantFrom('ack', 'ack', 'ack', 'ack', 'no-ack', 'extra-args', 'numeric-name');

// ------------------------------------------------------------------------------------------------
const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let db: DatabaseConfig;
	let app: AppProcess;
	let s: Seed;
	const cookies: Record<string, string> = {};
	const statuses = new Map<string, Map<number, number>>();
	const count = (endpoint: string, status: number) => {
		const m = statuses.get(endpoint) ?? new Map<number, number>();
		m.set(status, (m.get(status) ?? 0) + 1);
		statuses.set(endpoint, m);
	};

	beforeAll(async () => {
		db = database.fresh();
		s = await seed(db);
		app = await startAppProcess(db, { IMPORT_MAX_BYTES: '256K' });
		cookies.officer = await webSession(app.url, s.officer.username, s.officer.password);
		cookies.supervisor = await webSession(app.url, s.supervisor.username, s.supervisor.password);
		cookies.analyst = await webSession(app.url, s.analyst.username, s.analyst.password);
	});
	afterAll(async () => {
		console.log(`fuzz on ${_kind}: HTTP answers by endpoint`, Object.fromEntries([...statuses].map(([k, m]) => [k, Object.fromEntries(m)])));
		const logged = app?.output().split('\n').filter((l) => /^(http|realtime|process): /.test(l)) ?? [];
		if (logged.length) console.log(`fuzz on ${_kind}: the server logged ${logged.length} errors, first ones:\n${logged.slice(0, 8).map((l) => l.slice(0, 300)).join('\n')}`);
		await app?.stop();
	});

	const phone = (): Promise<Client> =>
		new Promise((resolve, reject) => {
			const c: Client = io(app.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { cookie: cookies.officer, origin: app.url } });
			c.once('connect', () => resolve(c));
			c.once('connect_error', reject);
		});

	it('every socket event gets an answer, and the server stays up', { timeout: 120_000 }, async () => {
		let c = await phone();
		expect(await c.emitWithAck('duty:set', { onDuty: true })).toEqual({ ok: true, onDuty: true });
		const now = Date.now();
		let answered = 0;
		let closedByServer = 0;
		await fc.assert(
			fc.asyncProperty(event(now, s.hotspotId), shape, async ([name, body], how) => {
				if (!c.connected) c = await phone();
				const id = 1 + Math.floor(Math.random() * 1e9);
				const frame = how === 'ack' ? `2${id}[${name},${body}]` : how === 'no-ack' ? `2[${name},${body}]` : how === 'extra-args' ? `2${id}[${name},${body},${body}]` : `2${id}[7,${body}]`;
				const answer = new Promise<string>((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_MS} ms to ${frame.slice(0, 120)}… (${frame.length} bytes)`)), ANSWER_MS);
					const done = (what: string) => {
						clearTimeout(timer);
						c.io.engine.off('message', onMessage);
						c.off('request:error', onError);
						c.off('disconnect', onClose);
						resolve(what);
					};
					const onMessage = (m: unknown) => String(m).startsWith(`3${id}[`) && done(String(m));
					const onError = () => done('request:error');
					// frames over 256 KB are refused by Engine.IO with a close: an answer too
					const onClose = () => done('closed');
					c.io.engine.on('message', onMessage);
					c.on('request:error', onError);
					c.on('disconnect', onClose);
				});
				c.io.engine.send(frame);
				const what = await answer;
				if (what === 'closed') closedByServer++;
				else answered++;
				if (what.startsWith('3')) {
					const [ack] = JSON.parse(what.slice(String(id).length + 1)) as [{ ok: boolean; error?: string }];
					expect(typeof ack.ok).toBe('boolean');
					// a server error would mean a handler threw on this input: caught, but a bug
					if (!ack.ok) expect(ack.error, frame.slice(0, 200)).not.toMatch(/^server error/);
					if (!ack.ok) expect(ack.error!.length).toBeLessThan(400);
					if (process.env.FUZZ_DEBUG && name.includes('report')) console.log(name, body.slice(0, 100), JSON.stringify(ack).slice(0, 200));
				}
			}),
			{ numRuns: runs(200), interruptAfterTimeLimit: 40_000 * SCALE }
		);
		c.close();
		console.log(`fuzz on ${_kind}: ${answered} socket events answered, ${closedByServer} frames closed the connection`);
		expect(app.alive()).toBe(true);
		expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
	});

	it('every device and API request gets an HTTP answer, and the server stays up', { timeout: 120_000 }, async () => {
		const token = s.officer.deviceToken;
		const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
		const param = fc.oneof(odd.map((x) => x.replace(/^"|"$/g, '')), fc.string({ maxLength: 20 }), num(-200, 200), fc.constant(String(Math.floor(Date.now() / 1000))), fc.constant(token));
		const anyParams = fc.dictionary(fc.constantFrom('id', 'deviceid', 'timestamp', 'lat', 'lon', 'speed', 'bearing', 'heading', 'accuracy', 'hdop', '__proto__', 'constructor'), param, { maxKeys: 8 });
		const text = (valid: fc.Arbitrary<string>) => fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: param });
		const nearValid = fc.record({ id: fc.constant(token), timestamp: text(fc.constant(String(Math.floor(Date.now() / 1000)))), lat: text(num(51.74, 51.76)), lon: text(num(-1.27, -1.25)), speed: text(num(0, 5)), accuracy: text(num(0, 60)), bearing: text(num(0, 360)) }, { requiredKeys: ['id', 'timestamp', 'lat', 'lon'] });
		const params = fc.oneof(anyParams, nearValid).map((p) => new URLSearchParams(p as Record<string, string>).toString());
		const osmandJson = fc.oneof(hostile, fc.record({ device_id: fc.oneof(fc.constant(JSON.stringify(token)), hostile), location: batch(fc.record({ timestamp: maybe(fc.constant(JSON.stringify(new Date().toISOString()))), uuid: maybe(fc.uuid().map((u) => JSON.stringify(u))), coords: maybe(fc.record({ latitude: maybe(num(51.74, 51.76)), longitude: maybe(num(-1.27, -1.25)), accuracy: maybe(num(0, 60)), speed: maybe(num(-1, 5)), heading: maybe(num(-1, 360)) }).map((f) => objectText(f))) }).map((f) => objectText(f))) }).map((f) => objectText(f)));
		const owntracks = fc.oneof(hostile, batch(fc.record({ _type: maybe(fc.constant('"location"')), lat: maybe(num(51.74, 51.76)), lon: maybe(num(-1.27, -1.25)), tst: maybe(fc.constant(String(Math.floor(Date.now() / 1000)))), acc: maybe(num(0, 60)), vel: maybe(num(0, 20)), cog: maybe(num(0, 360)) }).map((f) => objectText(f))));
		const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '');
		const fileName = fc.oneof(fc.constantFrom('..', '.', '', '../../etc/passwd', 'a/../../b.csv', '%00.csv', 'con', 'x'.repeat(500) + '.csv', 'crimes.csv', 'naïve 🚓.geojson', 'a\\b.json'), fc.string({ maxLength: 40 }));
		const request = fc.oneof(
			params.map((q) => ({ endpoint: 'GET osmand', path: `/api/devices/osmand?${q}`, method: 'GET' as const })),
			params.map((q) => ({ endpoint: 'POST osmand form', path: '/api/devices/osmand', body: q, type: 'application/x-www-form-urlencoded' })),
			fc.tuple(osmandJson, contentType).map(([b, type]) => ({ endpoint: 'POST osmand JSON', path: '/api/devices/osmand', body: b, type: type || 'application/json' })),
			fc.tuple(owntracks, fc.constantFrom(basic(s.officer.callsign, token), basic('x', token), basic(s.officer.callsign, 'hp_nope'), 'Basic %%%', '')).map(([b, auth]) => ({ endpoint: 'POST owntracks', path: '/api/devices/owntracks', body: b, type: 'application/json', auth })),
			fc.tuple(fc.oneof(hostile, fc.record({ officer: maybe(fc.constantFrom(String(s.officer.id), '2147483648', '1e308')), hotspot: maybe(fc.constantFrom(String(s.hotspotId), '-0', '99999')), note: maybe(fc.string({ maxLength: 600 }).map((x) => JSON.stringify(x))) }).map((f) => objectText(f))), contentType).map(([b, type]) => ({ endpoint: 'POST control/taskings', path: '/api/control/taskings', body: b, type, cookie: cookies.supervisor })),
			fc.tuple(fc.oneof(hostile, fc.record({ lat: maybe(num(-100, 100)), lon: maybe(num(-200, 200)) }).map((f) => objectText(f))), contentType).map(([b, type]) => ({ endpoint: 'POST officer/send-me', path: '/api/officer/send-me', body: b, type, cookie: cookies.officer })),
			fc.tuple(hostile, fileName).map(([b, name]) => ({ endpoint: 'POST analyst/imports', path: `/api/analyst/imports?job=${randomUUID()}&file=${encodeURIComponent(name)}`, body: b, type: 'text/csv', cookie: cookies.analyst })),
			fc.tuple(fc.dictionary(fc.constantFrom('username', 'password', 'totp', '__proto__'), fc.oneof(fc.string({ maxLength: 30 }), huge), { maxKeys: 4 }), fc.oneof(fc.constantFrom('/\\evil.example', '//evil', '/control'), fc.string({ maxLength: 30 }))).map(([form, next]) => ({ endpoint: 'POST login', path: `/login?next=${encodeURIComponent(next)}`, body: new URLSearchParams(form).toString(), type: 'application/x-www-form-urlencoded', accept: 'text/html' }))
		);
		await fc.assert(
			fc.asyncProperty(request, async (r) => {
				const headers: Record<string, string> = { origin: app.url };
				if ('type' in r && r.type) headers['content-type'] = r.type;
				if ('auth' in r && r.auth) headers.authorization = r.auth;
				if ('cookie' in r && r.cookie) headers.cookie = r.cookie;
				if ('accept' in r && r.accept) headers.accept = r.accept;
				const res = await fetch(`${app.url}${r.path}`, { method: 'method' in r ? r.method : 'POST', headers, body: 'body' in r ? r.body : undefined, redirect: 'manual', signal: AbortSignal.timeout(ANSWER_MS) });
				await res.arrayBuffer();
				count(r.endpoint, res.status);
				// bad input is answered for what it is (400, 401, 413, 422): never as a server error
				expect(res.status, `${r.endpoint} ${r.path.slice(0, 80)}`).toBeLessThan(500);
			}),
			{ numRuns: runs(200), interruptAfterTimeLimit: 40_000 * SCALE }
		);
		expect(app.alive()).toBe(true);
		expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
	});

	it('nothing malformed was stored, and nothing threw: every fix and activity passes the validators', async () => {
		const h = await openDatabase(db);
		try {
			const fixes = await h.db.selectFrom('fixes').selectAll().execute();
			for (const f of fixes) {
				const r = parseFix({ id: f.id, t: Number(f.t), lat: f.lat, lon: f.lon, accuracy: f.accuracy, speed: f.speed, heading: f.heading });
				expect(r.ok ? null : r.error, `fix ${f.id}`).toBeNull();
			}
			const known = new Set((await h.db.selectFrom('hotspots').select('id').execute()).map((x) => x.id));
			const activities = await h.db.selectFrom('activities').selectAll().execute();
			for (const a of activities) {
				const r = parseActivity({ id: a.id, t: Number(a.t), kind: a.kind, hotspot: a.hotspot_id, note: a.note }, Number(a.received_at));
				expect(r.ok ? null : r.error, `activity ${a.id}`).toBeNull();
				if (a.hotspot_id !== null) expect(known.has(a.hotspot_id)).toBe(true);
			}
			console.log(`fuzz on ${_kind}: ${fixes.length} fixes and ${activities.length} activities stored, all valid`);
			// the fuzz reached the storage, not only the first check
			expect(fixes.length + activities.length).toBeGreaterThan(0);
			// and no input made a handler or route throw (caught, answered, but a bug all the same)
			expect(app.output().split('\n').filter((l) => /^(http|realtime|process): /.test(l))).toEqual([]);
		} finally {
			await h.close();
		}
	});
});
