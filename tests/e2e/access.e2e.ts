// The route × role matrix over HTTP against the production build: each e2e user (and nobody)
// requests every route of tests/access-expected.ts, posts to every form action and every POST
// endpoint, and gets what the table says: an answer, 303 to /login, or a refusal, never a success
// for a role the table leaves out. Posts from allowed roles carry bad input that changes nothing
// (the table's probes), so this file leaves the shared e2e database as it was.
import { expect, test, type APIRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import { EXPECTED_ACTIONS, EXPECTED_ROUTES, WHO, actionPath, routeOf, type RouteExpectation, type Who } from '../access-expected.ts';
import { E2E_USERS } from './users.ts';

type Samples = Record<string, string>;

/** Ids that exist in the seed, for the routes with [id]: the published set, one of its hot spots, one crime record. */
async function samples(factory: APIRequest, baseURL: string): Promise<Samples> {
	const supervisor = await signedIn(factory, 'supervisor', baseURL);
	const hotspots = await (await supervisor.get('/api/control/hotspots')).json();
	const points = await (await supervisor.get(`/api/dashboard/points?${routeOf('/api/dashboard/points').query}`)).json();
	await supervisor.dispose();
	expect(hotspots.set?.id, 'the e2e seed publishes a hot spot set').toBeTruthy();
	expect(points.features.length, 'the e2e seed has crime records').toBeGreaterThan(0);
	return {
		'/analyst/sets/[id]': `/analyst/sets/${hotspots.set.id}`,
		'/officer/hotspot/[id]': `/officer/hotspot/${hotspots.features[0].id}`,
		'/dashboard/record/[id]': `/dashboard/record/${points.features[0].id}`
	};
}

const pathOf = (e: RouteExpectation, s: Samples) => s[e.route] ?? e.sample;

type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>;
// one login per role for the whole file: what is tested here is what a session may open, not
// the login page (its limits and lockout have tests of their own)
const sessions = new Map<Who, StorageState>();

async function signedIn(factory: APIRequest, who: Who, baseURL: string): Promise<APIRequestContext> {
	const kept = sessions.get(who);
	if (kept || who === 'anonymous') return factory.newContext({ baseURL, storageState: kept });
	const ctx = await factory.newContext({ baseURL });
	const user = E2E_USERS.find((u) => u.role === who)!;
	const r = await ctx.post('/login', { form: { username: user.username, password: user.password }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect(r.status(), `log in as ${user.username}`).toBe(303);
	expect(r.headers().location).not.toMatch(/^\/login/);
	sessions.set(who, await ctx.storageState());
	return ctx;
}

const toLogin = (r: APIResponse) => r.status() === 303 && (r.headers().location ?? '').startsWith('/login');

/** A refusal as the guard gives it: anonymous to /login (or 401 on the API), a signed-in role 403 naming its role. */
async function refusedByGuard(r: APIResponse, who: Who, path: string): Promise<string | null> {
	if (who === 'anonymous') {
		if (path.startsWith('/api/') ? r.status() === 401 : toLogin(r)) return null;
		return `expected ${path.startsWith('/api/') ? '401' : '303 to /login'}, got ${r.status()} ${r.headers().location ?? ''}`;
	}
	if (r.status() !== 403) return `expected 403, got ${r.status()} ${r.headers().location ?? ''}`;
	return (await r.text()).includes(`your role (${who})`) ? null : 'a 403, but not from the role guard';
}

for (const who of WHO) {
	test(`${who}: every route, action and POST endpoint answers as tests/access-expected.ts says`, async ({ playwright, baseURL }) => {
		test.setTimeout(120_000);
		const base = baseURL!;
		const s = await samples(playwright.request, base);
		const http = await signedIn(playwright.request, who, base);
		const wrong: string[] = [];
		const note = (what: string, problem: string | null) => problem && wrong.push(`${what} as ${who}: ${problem}`);

		for (const e of EXPECTED_ROUTES) {
			const path = pathOf(e, s);
			const url = e.query ? `${path}?${e.query}` : path;
			for (const method of e.methods) {
				// an allowed POST without a probe would change something (send-me creates a tasking)
				if (method !== 'GET' && !e.token && e.allow.includes(who) && !e.probe) continue;
				const r =
					method === 'GET'
						? await http.get(url, { maxRedirects: 0 })
						: await http.post(url, { data: e.probe?.body ?? '{}', headers: { 'content-type': 'application/json', origin: base }, maxRedirects: 0 });
				const what = `${method} ${url}`;
				if (e.token) {
					// a session is never enough: without a device token, no fix is taken
					note(what, r.status() >= 400 && r.status() < 500 ? null : `expected 400/401 without a device token, got ${r.status()}`);
				} else if (!e.allow.includes(who)) {
					if (who !== 'anonymous' && e.refusedInRoute?.includes(who)) note(what, r.status() === 403 ? null : `expected 403 from the route, got ${r.status()}`);
					else note(what, await refusedByGuard(r, who, path));
				} else if (method === 'GET') {
					const ok = e.ok ?? [200];
					note(what, ok.includes(r.status()) && !toLogin(r) ? null : `expected ${ok.join(' or ')}, got ${r.status()} ${r.headers().location ?? ''}`);
				} else if (e.probe) {
					note(what, r.status() === e.probe.status ? null : `expected the probe's ${e.probe.status}, got ${r.status()}`);
				}
			}
		}

		for (const a of EXPECTED_ACTIONS) {
			const path = pathOf(routeOf(a.route), s);
			const url = actionPath(path, a.action);
			const allowed = a.allow.includes(who);
			if (allowed && !a.probe) continue;
			// a plain form post, as a browser without JavaScript sends it: the status is the action's
			const r = await http.post(url, { form: allowed ? a.probe!.form : {}, headers: { origin: base, accept: 'text/html' }, maxRedirects: 0 });
			const what = `POST ${url}`;
			if (allowed) note(what, r.status() === a.probe!.status ? null : `expected the probe's ${a.probe!.status}, got ${r.status()}`);
			else if (who !== 'anonymous' && a.refusedInRoute?.includes(who)) note(what, r.status() >= 400 ? null : `expected a refusal from the action, got ${r.status()} ${r.headers().location ?? ''}`);
			else note(what, await refusedByGuard(r, who, path));
		}

		// a path with no route is never served: signed out it goes to the login page (nothing said of
		// what exists), signed in it is a 404 that leads home (every route that exists is listed, and
		// the matrix test fails for one that is not — deny by default is decide()'s, tested there)
		const nowhere = await http.get('/nowhere', { maxRedirects: 0, headers: { accept: 'text/html' } });
		if (who === 'anonymous') note('GET /nowhere', await refusedByGuard(nowhere, who, '/nowhere'));
		else note('GET /nowhere', nowhere.status() === 404 && (await nowhere.text()).includes('href="/') ? null : `expected a 404 leading home, got ${nowhere.status()}`);

		await http.dispose();
		expect(wrong).toEqual([]);
	});
}
