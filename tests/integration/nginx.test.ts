// docs/deploy/nginx.conf as it stands, in Debian's nginx (non-daemon, a scratch prefix, a
// self-signed certificate from openssl) in front of the production server: HTTP goes to HTTPS,
// WebSockets upgrade, cookies are Secure, the Origin check passes for the public origin only, and
// the login limit counts the client nginx saw (TRUST_PROXY) — clients come from different
// loopback addresses, 127.0.0.2, .3, .4 — while a header sent straight to the app is ignored.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { freePort, sleep } from './chaos-actors.ts';
import { seed, startAppProcess, type AppProcess } from './app-process.ts';
import { testDatabases } from './harness.ts';

const NGINX = '/usr/sbin/nginx';
const root = new URL('../..', import.meta.url).pathname;
const sqlite = testDatabases().find((d) => d.kind === 'sqlite')!;

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
}

function send(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string; ca?: string } = {}): Promise<Answer> {
	const u = new URL(url);
	const go = u.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve, reject) => {
		const req = go(u, { method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.localAddress, ca: opts.ca, agent: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
		});
		req.on('error', reject);
		req.end(opts.body);
	});
}

/** the documented config, pointed at this test's ports and certificate; every line it changes must be there */
function siteConfig(dir: string, ports: { https: number; http: number; app: number }): string {
	let conf = readFileSync(join(root, 'docs/deploy/nginx.conf'), 'utf8');
	const swap = (from: string, to: string) => {
		if (!conf.includes(from)) throw new Error(`docs/deploy/nginx.conf no longer has "${from}"`);
		conf = conf.replace(from, to);
	};
	swap('server 127.0.0.1:3000;', `server 127.0.0.1:${ports.app};`);
	swap('listen 443 ssl http2;', `listen 127.0.0.1:${ports.https} ssl http2;`);
	swap('listen 80;', `listen 127.0.0.1:${ports.http};`);
	swap('/etc/ssl/certs/patrol.example.police.uk.pem', join(dir, 'cert.pem'));
	swap('/etc/ssl/private/patrol.example.police.uk.key', join(dir, 'key.pem'));
	return conf;
}

describe.skipIf(!existsSync(NGINX))('behind nginx', () => {
	const dir = mkdtempSync(join(tmpdir(), 'hp-nginx-'));
	let nginx: ChildProcess | null = null;
	let app: AppProcess | null = null;
	afterAll(async () => {
		nginx?.kill('SIGQUIT');
		await app?.stop();
		rmSync(dir, { recursive: true, force: true });
		await sqlite.cleanup();
	});

	it('HTTPS, WebSocket upgrade, Secure cookies, the Origin check and the client address from the proxy', async () => {
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
		const ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
		const db = sqlite.fresh();
		const s = await seed(db);
		const ports = { https: await freePort(), http: await freePort(), app: 0 };
		const origin = `https://localhost:${ports.https}`;
		app = await startAppProcess(db, { ORIGIN: origin, TRUST_PROXY: '127.0.0.1', LOGIN_RATE_PER_MINUTE: '3' });
		ports.app = Number(new URL(app.url).port);

		for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
		writeFileSync(join(dir, 'site.conf'), siteConfig(dir, ports));
		writeFileSync(
			join(dir, 'nginx.conf'),
			`${process.getuid?.() === 0 ? 'user root root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
	access_log ${dir}/access.log;
	client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
	include ${dir}/site.conf;
}
`
		);
		let nginxOut = '';
		nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
		nginx.stderr!.on('data', (d) => (nginxOut += d));
		const until = Date.now() + 15_000;
		for (;;) {
			const r = await send(`${origin}/healthz`, { ca }).catch(() => null);
			if (r?.status === 200) break;
			if (Date.now() > until || nginx.exitCode !== null) throw new Error(`nginx did not answer: ${nginxOut}${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`);
			await sleep(200);
		}

		// plain HTTP is sent to HTTPS; the checks answer through the proxy
		const plain = await send(`http://127.0.0.1:${ports.http}/healthz`, { headers: { host: `localhost:${ports.https}` } });
		expect(plain.status).toBe(301);
		// to the standard port, as in production ($host carries no port)
		expect(plain.headers.location).toBe('https://localhost/healthz');
		expect((await send(`${origin}/readyz`, { ca })).text).toBe('ready\n');
		// nginx's request id is the app's: one id in both logs
		const health = await send(`${origin}/api/health`, { ca });
		expect(health.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
		expect(app.output()).toContain(`"req":"${health.headers['x-request-id']}"`);

		// logging in: the session cookie is Secure, and the CSRF check passes for the public origin
		const form = { 'content-type': 'application/x-www-form-urlencoded', origin };
		const login = await send(`${origin}/login`, { method: 'POST', headers: form, body: new URLSearchParams({ username: s.officer.username, password: s.officer.password }).toString(), ca, localAddress: '127.0.0.2' });
		const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('hp_session='));
		expect(cookie).toMatch(/; Secure/i);
		expect(cookie).toMatch(/; HttpOnly/i);
		const session = cookie!.split(';')[0];

		// the officer's socket upgrades to a WebSocket through nginx, from the public origin only
		const open = (from: string) =>
			new Promise<Socket<ServerToClient, ClientToServer>>((resolve, reject) => {
				const c: Socket<ServerToClient, ClientToServer> = io(origin, { path: '/socket.io', transports: ['websocket'], ca, extraHeaders: { cookie: session, origin: from }, reconnection: false, timeout: 5000 });
				c.once('connect', () => resolve(c));
				c.once('connect_error', (e) => {
					c.close();
					reject(e);
				});
			});
		const phone = await open(origin);
		expect(phone.io.engine.transport.name).toBe('websocket');
		expect(await phone.emitWithAck('duty:set', { onDuty: true })).toMatchObject({ ok: true });
		const id = crypto.randomUUID();
		expect(await phone.emitWithAck('position:report', { id, t: Date.now(), lat: 51.7515, lon: -1.2585, accuracy: 5 })).toMatchObject({ ok: true, accepted: [id] });
		phone.close();
		await expect(open(`http://localhost:${ports.https}`)).rejects.toThrow();

		// the login limit (3 a minute here) counts the address nginx saw, not the proxy's
		// a different account each time: five failures on one would lock it, whoever guessed
		let n = 0;
		const guess = (localAddress: string, headers: Record<string, string> = {}, url = origin) =>
			send(`${url}/login`, { method: 'POST', headers: { ...form, ...headers }, body: new URLSearchParams({ username: `nobody-${++n}`, password: 'wrong guess' }).toString(), ca, localAddress });
		const wrong = (await guess('127.0.0.3')).status;
		expect(wrong).toBe(400);
		for (let i = 0; i < 2; i++) expect((await guess('127.0.0.3')).status).toBe(wrong);
		expect((await guess('127.0.0.3')).status).toBe(429);
		// another client behind the same proxy is not held back — even claiming to be .3 (nginx replaces the header)
		expect((await guess('127.0.0.4', { 'x-forwarded-for': '127.0.0.3' })).status).toBe(wrong);
		// straight to the app from an address that is no trusted proxy: its header is ignored
		expect((await guess('127.0.0.5', { 'x-forwarded-for': '127.0.0.3' }, app.url)).status).toBe(wrong);
	}, 240_000);
});
