// The route × role matrix: every route under src/routes (found by walking the directory), every
// form action and every socket event a client may send has an entry in tests/access-expected.ts,
// and `decide` (the guard in hooks.server.ts) agrees with it for every role. A new route, action
// or event without an entry fails here, by name: that is the CI guard. The HTTP side of the same
// table runs against the production build in tests/e2e/access.e2e.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';
import { decide, type Decision } from '../../src/lib/server/access.ts';
import { ROLES, type Role } from '../../src/lib/server/db/schema.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { EXPECTED_ACTIONS, EXPECTED_EVENTS, EXPECTED_ROUTES, routeOf, WHO, type Who } from '../access-expected.ts';
import { startTestServer, testConfig, testDatabases, type TestServer } from './harness.ts';

const root = new URL('../..', import.meta.url).pathname;
const ROUTES = join(root, 'src/routes');
const ROUTE_FILE = /^\+(page\.svelte|page\.server\.ts|page\.ts|server\.ts)$/;
const METHOD = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|fallback)$/;

interface FoundRoute {
	route: string;
	files: Map<string, string>;
}

function walk(dir: string, out: FoundRoute[] = []): FoundRoute[] {
	const names = readdirSync(dir).sort();
	const files = new Map(names.filter((n) => ROUTE_FILE.test(n)).map((n) => [n, join(dir, n)]));
	if (files.size > 0) {
		// route groups "(name)" take no part in the URL
		const segments = relative(ROUTES, dir).split(sep).filter((s) => s && !/^\(.*\)$/.test(s));
		out.push({ route: '/' + segments.join('/'), files });
	}
	for (const n of names) if (statSync(join(dir, n)).isDirectory()) walk(join(dir, n), out);
	return out;
}

/** SvelteKit's route id as a pattern for concrete paths. */
function pattern(route: string): RegExp {
	const body = route
		.split('/')
		.filter(Boolean)
		.map((s) => {
			if (/^\[\[.+\]\]$/.test(s)) return '(?:/[^/]+)?';
			if (/^\[\.\.\..+\]$/.test(s)) return '(?:/.*)?';
			return '/' + s.split(/(\[[^\]]+\])/).map((part) => (part.startsWith('[') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
		})
		.join('');
	return new RegExp(`^${body || '/'}$`);
}

const found = walk(ROUTES);
const mod = (file: string) => import(pathToFileURL(file).href) as Promise<Record<string, unknown>>;

/** What the guard should say, from the table: signed-in roles outside it are refused, anonymous sent to log in. */
function expectedDecision(allow: readonly Who[], refusedInRoute: readonly Role[] | undefined, who: Who): Decision {
	if (allow.includes(who) || (who !== 'anonymous' && refusedInRoute?.includes(who))) return 'allow';
	return who === 'anonymous' ? 'login' : 'forbidden';
}

const asRole = (who: Who): Role | null => (who === 'anonymous' ? null : who);

describe('routes under src/routes', () => {
	it('are found by walking the directory (the walk itself works)', () => {
		expect(found.map((f) => f.route)).toEqual(expect.arrayContaining(['/', '/login', '/officer', '/api/health', '/analyst/sets/[id]']));
	});

	it('each have an entry in tests/access-expected.ts', () => {
		const listed = new Set(EXPECTED_ROUTES.map((e) => e.route));
		const missing = found.filter((f) => !listed.has(f.route)).map((f) => `${f.route} (${[...f.files.keys()].join(', ')})`);
		expect(missing, `routes with no entry in tests/access-expected.ts: say who may open them`).toEqual([]);
	});

	it('are all that tests/access-expected.ts names', () => {
		const exist = new Set(found.map((f) => f.route));
		const stale = EXPECTED_ROUTES.filter((e) => !exist.has(e.route)).map((e) => e.route);
		expect(stale, 'entries in tests/access-expected.ts for routes that no longer exist').toEqual([]);
		const twice = EXPECTED_ROUTES.map((e) => e.route).filter((r, i, all) => all.indexOf(r) !== i);
		expect(twice, 'routes listed twice').toEqual([]);
	});

	it.each(EXPECTED_ROUTES.map((e) => [e.route, e] as const))('%s: the sample is a path of the route', (_r, e) => {
		expect(e.sample).toMatch(pattern(e.route));
	});

	it.each(found.map((f) => [f.route, f] as const))('%s: answers exactly the methods listed', async (route, f) => {
		const e = EXPECTED_ROUTES.find((x) => x.route === route);
		if (!e) return; // named by the test above
		const methods = new Set<string>();
		if (f.files.has('+page.svelte') || f.files.has('+page.server.ts') || f.files.has('+page.ts')) methods.add('GET');
		const server = f.files.get('+server.ts');
		if (server) for (const k of Object.keys(await mod(server))) if (METHOD.test(k)) methods.add(k);
		expect([...methods].sort(), `${route}: methods in tests/access-expected.ts`).toEqual([...e.methods].sort());
	});

	it.each(EXPECTED_ROUTES.map((e) => [e.route, e] as const))('%s: the guard lets in exactly the roles listed', (route, e) => {
		const wrong = WHO.map((who) => ({ who, want: expectedDecision(e.allow, e.refusedInRoute, who), got: decide(e.sample, asRole(who)) }))
			.filter((x) => x.got !== x.want)
			.map((x) => `${route} as ${x.who}: decide says ${x.got}, docs/roles.md (tests/access-expected.ts) says ${x.want}`);
		expect(wrong).toEqual([]);
	});

	it('the catch-all "/" matches "/" only: any path nobody listed is refused to every role', () => {
		for (const path of ['/nowhere', '/reports', '/officers', '/admin-tools', '/controlroom', '/api', '/api/other']) {
			for (const role of ROLES) expect(decide(path, role), `${path} as ${role}`).toBe('forbidden');
			expect(decide(path, null), `${path} as anonymous`).toBe('login');
		}
		// a prefix covers its own subtree, never a longer name that starts the same way
		expect(decide('/officer-x', 'officer')).toBe('forbidden');
		expect(decide('/analystics', 'analyst')).toBe('forbidden');
	});

	it('follows docs/roles.md: admins reach no operational data, commanders no officer tracks, anonymous nothing private', () => {
		const admin = EXPECTED_ROUTES.filter((e) => e.allow.includes('admin') && !e.token).map((e) => e.route);
		// the base map is a street map, not operational data: every signed-in role draws it
		const notOperational = ['/', '/api/health', '/healthz', '/readyz', '/login', '/login/sso', '/login/sso/callback', '/logout', '/basemap/style.json', '/basemap/tiles/[z]/[x]/[y].pbf'];
		expect(admin.filter((r) => !notOperational.includes(r) && !/^\/admin(\/|$)/.test(r))).toEqual([]);
		const adminPages = EXPECTED_ROUTES.filter((e) => /^\/admin(\/|$)/.test(e.route));
		expect(adminPages.filter((e) => e.allow.join() !== 'admin').map((e) => e.route)).toEqual([]);
		const commander = EXPECTED_ROUTES.filter((e) => e.allow.includes('commander')).map((e) => e.route);
		expect(commander.filter((r) => r.startsWith('/api/control') || r.startsWith('/control') || r.startsWith('/api/officer'))).toEqual([]);
		const anonymous = EXPECTED_ROUTES.filter((e) => e.allow.includes('anonymous') && !e.token).map((e) => e.route);
		expect(anonymous.sort()).toEqual(['/api/health', '/healthz', '/login', '/login/sso', '/login/sso/callback', '/readyz']);
		const officer = EXPECTED_ROUTES.filter((e) => e.allow.includes('officer')).map((e) => e.route);
		expect(officer.filter((r) => /^\/(api\/)?(control|analyst|command|admin)(\/|$)/.test(r))).toEqual([]);
	});
});

describe('form actions', () => {
	const pages = found.filter((f) => f.files.has('+page.server.ts'));

	it('each have an entry in tests/access-expected.ts, and every entry exists', async () => {
		const actual: string[] = [];
		for (const f of pages) {
			const actions = (await mod(f.files.get('+page.server.ts')!)).actions as Record<string, unknown> | undefined;
			for (const name of Object.keys(actions ?? {})) actual.push(`${f.route} ?/${name}`);
		}
		const listed = EXPECTED_ACTIONS.map((a) => `${a.route} ?/${a.action}`);
		expect(actual.filter((a) => !listed.includes(a)), 'actions with no entry in tests/access-expected.ts').toEqual([]);
		expect(listed.filter((a) => !actual.includes(a)), 'entries for actions that no longer exist').toEqual([]);
	});

	it.each(EXPECTED_ACTIONS.map((a) => [`${a.route} ?/${a.action}`, a] as const))('%s: the guard lets in exactly the roles listed', (name, a) => {
		const sample = routeOf(a.route).sample;
		const wrong = WHO.map((who) => ({ who, want: expectedDecision(a.allow, a.refusedInRoute, who), got: decide(sample, asRole(who)) }))
			.filter((x) => x.got !== x.want)
			.map((x) => `${name} as ${x.who}: decide says ${x.got}, tests/access-expected.ts says ${x.want}`);
		expect(wrong).toEqual([]);
	});
});

describe('socket events', () => {
	const contract = readFileSync(join(root, 'src/lib/realtime/contract.ts'), 'utf8');
	const block = /export interface ClientToServer \{([\s\S]*?)\n\}/.exec(contract)?.[1] ?? '';
	const events = [...block.matchAll(/^\s*'([^']+)'\s*:/gm)].map((m) => m[1]);

	it('every event a client may send (ClientToServer in contract.ts) has its roles listed, and no more', () => {
		expect(events.length).toBeGreaterThan(0);
		expect(events.filter((e) => !(e in EXPECTED_EVENTS)), 'events with no entry in tests/access-expected.ts').toEqual([]);
		expect(Object.keys(EXPECTED_EVENTS).filter((e) => !events.includes(e)), 'entries for events that no longer exist').toEqual([]);
	});

	// the role check sits in the realtime server, not in the database: one database is enough
	describe('over a real socket, one client per role', () => {
		const database = testDatabases()[0];
		let server: TestServer;
		const clients = new Map<Role, Socket<ServerToClient, ClientToServer>>();

		beforeAll(async () => {
			server = await startTestServer(testConfig(database.fresh()));
			const now = Date.now();
			for (const role of ROLES) {
				const u = await createUser(server.app.db, { username: `matrix-${role}`, role, callsign: role === 'officer' ? 'MX-1' : null }, now);
				const token = await createToken(server.app.db, u.id, role === 'officer' ? 'device' : 'api', 'matrix', now);
				const socket: Socket<ServerToClient, ClientToServer> = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
				await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
				clients.set(role, socket);
			}
		});

		afterAll(async () => {
			for (const c of clients.values()) c.close();
			await server?.close();
			await database.cleanup();
		});

		it.each(Object.entries(EXPECTED_EVENTS))('%s: refused to every role not listed, and reaches the handler for those listed', async (event, e) => {
			for (const role of ROLES) {
				const socket = clients.get(role)!.timeout(5000) as unknown as { emitWithAck(ev: string, payload: unknown): Promise<{ ok: boolean; error?: string }> };
				const ack = await socket.emitWithAck(event, e.probe);
				// the probe is bad input: nobody's ack is a success, and only the wrong roles read "forbidden"
				expect(ack.ok, `${event} as ${role}`).toBe(false);
				if (e.allow.includes(role)) expect(ack.error, `${event} as ${role}`).not.toMatch(/^forbidden/);
				else expect(ack.error, `${event} as ${role}`).toMatch(/^forbidden/);
			}
		});
	});
});
