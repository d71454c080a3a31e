// What keeps one request from taking the server down, and whose pages may open a socket: the
// socket Origin compared by scheme, host and port; the process safety net; the request guard in
// front of adapter-node.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardRequests } from '../../src/lib/server/production.ts';
import { createLog } from '../../src/lib/server/log.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { startTestServer, testConfig, testDatabases, type TestServer } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

describe('socket Origin: scheme, host and port', () => {
	// the check sits in allowRequest, before any database: one is enough
	const database = dbs[0];
	let server: TestServer;
	let token: string;
	beforeAll(async () => {
		server = await startTestServer(testConfig(database.fresh()));
		const now = Date.now();
		const u = await createUser(server.app.db, { username: 'pc-origin', role: 'officer', callsign: 'OR-1' }, now);
		token = await createToken(server.app.db, u.id, 'api', 'origin test', now);
	});
	afterAll(async () => server?.close());
	const opens = (headers: Record<string, string>) =>
		new Promise<boolean>((resolve) => {
			// a token, so only the Origin decides (a browser would bring its session cookie)
			const c = io(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token }, extraHeaders: headers });
			c.once('connect', () => (c.close(), resolve(true)));
			c.once('connect_error', () => (c.close(), resolve(false)));
		});

	it('refuses a page served over https to a plain-http server of the same host, and the reverse behind a TLS proxy', async () => {
		const { host } = new URL(server.url);
		expect(await opens({ origin: `http://${host}` })).toBe(true);
		expect(await opens({ origin: `https://${host}` })).toBe(false);
		expect(await opens({ origin: `http://${host.replace(/:\d+$/, ':1')}` })).toBe(false);
		expect(await opens({ origin: `https://${host}`, 'x-forwarded-proto': 'https' })).toBe(true);
		expect(await opens({ origin: `http://${host}`, 'x-forwarded-proto': 'https' })).toBe(false);
	});
});

describe('process safety net', () => {
	const run = (body: string) =>
		spawnSync(process.execPath, ['--input-type=module', '-e', `import { installSafetyNet } from ${JSON.stringify(new URL('../../src/lib/server/safety-net.ts', import.meta.url).pathname)};\nimport { createLog } from ${JSON.stringify(new URL('../../src/lib/server/log.ts', import.meta.url).pathname)};\nconst log = createLog({ level: 'info', nodeId: 'n1', pretty: false });\n${body}`], { encoding: 'utf8', timeout: 20_000 });

	it('logs an unhandled rejection and keeps serving; an uncaught exception drains and exits non-zero', () => {
		const rejected = run(`installSafetyNet(log, () => process.exit(3)); Promise.reject(new Error('nobody awaited me')); setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);`);
		expect(rejected.stdout).toContain('still serving');
		const line = (out: string, msg: string) => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, string>).find((o) => o.msg === msg);
		expect(line(rejected.stdout, 'process: unhandled rejection, still serving')).toMatchObject({ level: 'error', node: 'n1', error: expect.stringMatching(/^Error: nobody awaited me/) });
		expect(rejected.status).toBe(0);
		const thrown = run(`installSafetyNet(log, () => { console.log('draining'); process.exit(3); }); setTimeout(() => { throw new Error('bug in a timer'); }, 10); setTimeout(() => {}, 5000);`);
		expect(thrown.stdout).toContain('draining');
		expect(line(thrown.stdout, 'process: draining and exiting for a clean restart')).toMatchObject({ level: 'fatal', origin: 'uncaughtException', error: expect.stringMatching(/^Error: bug in a timer/) });
		expect(thrown.status).toBe(3);
	});

	it('answers 500 for a request whose listener throws or rejects, and the server goes on', async () => {
		const server = createServer();
		server.on('request', (req, res) => {
			if (req.url === '/sync') throw new Error('sync bug');
			if (req.url === '/async') return Promise.reject(new Error('async bug'));
			res.end('fine');
		});
		guardRequests(server, createLog({ level: 'silent', nodeId: 't' }), () => {});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
		try {
			expect((await fetch(`${url}/sync`)).status).toBe(500);
			expect((await fetch(`${url}/async`)).status).toBe(500);
			expect(await (await fetch(`${url}/ok`)).text()).toBe('fine');
		} finally {
			server.close();
		}
	});
});
