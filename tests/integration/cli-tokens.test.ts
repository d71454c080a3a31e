// `cli users add` on both databases, run as a real process: --device-token gives what Traccar
// Client (OsmAnd) and OwnTracks report with, --token an API token that opens sockets but that the
// device endpoints refuse, each printed last.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { setDuty } from '../../src/lib/server/services/duty.ts';
import { cli as cliWith, databaseUrl, lastLine } from './cli-process.ts';
import { startTestServer, testConfig, testDatabases } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const root = new URL('../..', import.meta.url).pathname;
const route = (path: string) => import(join(root, 'src/routes', path)) as Promise<Record<string, (event: unknown) => Promise<Response>>>;

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	it('gives a device token that OsmAnd and OwnTracks accept, and an API token that opens a socket but not them', async () => {
		const config = database.fresh();
		const server = await startTestServer(testConfig(config));
		try {
			const url = databaseUrl(config);
			const cli = (_url: string, ...args: string[]) => cliWith({ DATABASE_URL: url }, ...args);
			const added = await cli(url, 'users', 'add', '--role', 'officer', '--name', 'pc-cli', '--callsign', 'CL-1', '--device-token');
			expect(added).toMatchObject({ code: 0 });
			const device = lastLine(added.stdout);
			expect(device).toMatch(/^hp_/);
			const officer = await server.app.db.selectFrom('users').select('id').where('username', '=', 'pc-cli').executeTakeFirstOrThrow();
			await setDuty(server.app, { id: officer.id, callsign: 'CL-1' }, true);

			const t = Math.floor(Date.now() / 1000) - 5;
			const osmand = await route('api/devices/osmand/+server.ts');
			const get = (token: string) => {
				const u = new URL(`http://127.0.0.1/api/devices/osmand?id=${encodeURIComponent(token)}&timestamp=${t}&lat=51.752&lon=-1.258&accuracy=8`);
				return osmand.GET({ url: u, request: new Request(u), params: {}, locals: { app: server.app }, getClientAddress: () => '127.0.0.1' });
			};
			const viaOsmand = await get(device);
			expect([viaOsmand.status, await viaOsmand.text()]).toEqual([200, 'OK']);

			const owntracks = await route('api/devices/owntracks/+server.ts');
			const post = (token: string) => {
				const u = new URL('http://127.0.0.1/api/devices/owntracks');
				const request = new Request(u, {
					method: 'POST',
					headers: { authorization: `Basic ${Buffer.from(`CL-1:${token}`).toString('base64')}`, 'content-type': 'application/json' },
					body: JSON.stringify({ _type: 'location', lat: 51.7521, lon: -1.2581, tst: t + 2, acc: 9, tid: 'CL' })
				});
				return owntracks.POST({ url: u, request, params: {}, locals: { app: server.app }, getClientAddress: () => '127.0.0.1' });
			};
			expect((await post(device)).status).toBe(200);
			const stored = await server.app.db.selectFrom('fixes').select('source').where('officer_id', '=', officer.id).orderBy('t').execute();
			expect(stored.map((f) => f.source)).toEqual(['osmand', 'owntracks']);

			// --token: an API token, printed last; it opens a socket, the device endpoints refuse it
			const withApi = await cli(url, 'users', 'add', '--role', 'officer', '--name', 'pc-api', '--callsign', 'CL-2', '--token');
			expect(withApi.code).toBe(0);
			const api = lastLine(withApi.stdout);
			expect((await get(api)).status).toBe(401);
			const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token: api }, reconnection: false });
			try {
				await new Promise<void>((resolve, reject) => {
					socket.once('connect', resolve);
					socket.once('connect_error', reject);
				});
			} finally {
				socket.close();
			}
			// a device token is for an officer's phone only
			const notOfficer = await cli(url, 'users', 'add', '--role', 'supervisor', '--name', `sgt-${randomUUID().slice(0, 6)}`, '--device-token');
			expect([notOfficer.code, notOfficer.stderr]).toEqual([2, expect.stringMatching(/--device-token.*officer/)]);
		} finally {
			await server.close();
		}
	});
});
