// The production server — adapter-node's build with Socket.IO, started by `node src/server.ts`
// exactly as `npm start` does — as a child process on a free port, for tests that need the real
// HTTP routes or must see whether a request can stop the process. Seeded through code before it
// starts: an officer (web session, device token, API token), a supervisor, an analyst and a
// published hot spot set.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../src/lib/server/config.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { insertHotspots, insertHotspotSet } from '../../src/lib/server/db/queries/hotspots.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { publishSet } from '../../src/lib/server/services/detection.ts';
import { testConfig } from './harness.ts';

const root = new URL('../..', import.meta.url).pathname;
const BUILD = join(root, 'build/index.js');

function newest(dir: string): number {
	let t = 0;
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		const s = statSync(p);
		t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
	}
	return t;
}

/** Builds once when build/ is missing or older than src/ (CI builds before the tests; a stale build would test old code). */
export function ensureBuild(): void {
	const lock = join(root, 'build.lock');
	const fresh = () => existsSync(BUILD) && statSync(BUILD).mtimeMs >= newest(join(root, 'src'));
	if (fresh()) return;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			// another test worker builds: wait for it
			spawnSync('sleep', ['1']);
			if (fresh()) return;
		}
	}
	try {
		if (fresh()) return;
		const r = spawnSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
		if (r.status !== 0) throw new Error('vite build failed');
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

export function databaseUrl(db: DatabaseConfig): string {
	if (db.kind === 'sqlite') return `sqlite:${db.path}`;
	const u = new URL(db.url);
	if (db.schema) u.searchParams.set('schema', db.schema);
	return u.href;
}

const square = (lon: number, lat: number): [number, number][][] => [[[lon, lat], [lon + 0.001, lat], [lon + 0.001, lat + 0.001], [lon, lat + 0.001], [lon, lat]]];

export interface Seed {
	officer: { id: number; username: string; password: string; callsign: string; deviceToken: string; apiToken: string };
	supervisor: { username: string; password: string };
	analyst: { username: string; password: string };
	hotspotId: number;
}

export async function seed(db: DatabaseConfig): Promise<Seed> {
	const ctx = await createApp(testConfig(db));
	try {
		const now = Date.now();
		const password = 'a long test password';
		const officer = await createUser(ctx.db, { username: 'pc-fuzz', role: 'officer', callsign: 'FZ-1', password }, now);
		await createUser(ctx.db, { username: 'sgt-fuzz', role: 'supervisor', password }, now);
		await createUser(ctx.db, { username: 'an-fuzz', role: 'analyst', password }, now);
		const setId = await insertHotspotSet(ctx.db, { name: 'Fuzz', params: {}, targetIntervalS: 4 * 3600, createdBy: null }, now);
		const always = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '23:59', tz: 'Europe/London' }];
		await insertHotspots(ctx.db, setId, [
			{ key: 'k1', rank: 1, name: 'Queen Street', polygon: square(-1.259, 51.751), centroid: [-1.2585, 51.7515], bbox: [-1.259, 51.751, -1.258, 51.752], crimes: 9, harm: 99, z: 3, p: 0.01, windows: always, why: '', briefing: '' }
		]);
		await publishSet(ctx, setId);
		const hotspotId = (await ctx.db.selectFrom('hotspots').select('id').where('set_id', '=', setId).executeTakeFirstOrThrow()).id;
		return {
			officer: {
				id: officer.id,
				username: 'pc-fuzz',
				password,
				callsign: 'FZ-1',
				deviceToken: await createToken(ctx.db, officer.id, 'device', 'fuzz phone', now),
				apiToken: await createToken(ctx.db, officer.id, 'api', 'fuzz tool', now)
			},
			supervisor: { username: 'sgt-fuzz', password },
			analyst: { username: 'an-fuzz', password },
			hotspotId
		};
	} finally {
		await ctx.close();
	}
}

export interface AppProcess {
	url: string;
	child: ChildProcess;
	/** true while the process has not exited */
	alive(): boolean;
	/** what the process printed (stdout and stderr) */
	output(): string;
	stop(): Promise<void>;
}

/** `node src/server.ts` on a free port, configured like production from the environment. */
export async function startAppProcess(db: DatabaseConfig, env: Record<string, string> = {}): Promise<AppProcess> {
	ensureBuild();
	const child = spawn(process.execPath, [join(root, 'src/server.ts')], {
		cwd: root,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl(db), REDIS_URL: '', LOGIN_RATE_PER_MINUTE: '10000', SOCKET_EVENTS_PER_SECOND: '10000', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	// a test run that dies (timeout, ^C) must not leave a server behind
	const orphan = () => child.kill('SIGKILL');
	process.once('exit', orphan);
	let out = '';
	let exited = false;
	child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	const gone = new Promise<void>((resolve) =>
		child.once('exit', () => {
			exited = true;
			process.off('exit', orphan);
			resolve();
		})
	);
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s:\n${out}`)), 30_000);
		const look = () => {
			const m = /Listening on (http:\/\/[^\s"]+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve(m[1].replace(/\/$/, ''));
			}
		};
		child.stdout!.on('data', look);
		void gone.then(() => {
			clearTimeout(timer);
			reject(new Error(`the server exited before listening:\n${out}`));
		});
	});
	return {
		url,
		child,
		alive: () => !exited && child.exitCode === null,
		output: () => out,
		async stop() {
			if (!exited) child.kill('SIGTERM');
			await gone;
		}
	};
}

/** A web session for a user, through the login form as a browser would post it. */
export async function webSession(url: string, username: string, password: string): Promise<string> {
	const res = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
		body: new URLSearchParams({ username, password })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hp_session='));
	if (!cookie) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
	return cookie.split(';')[0];
}
