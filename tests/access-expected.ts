// Who may open each route, post each form action and send each socket event: one table for the
// matrix test (tests/integration/access-matrix.test.ts, against `decide` and the route files)
// and the HTTP check (tests/e2e/access.e2e.ts, against the production build). It is written from
// docs/roles.md, not copied from src/lib/server/access.ts, so a change to either one
// shows up as a disagreement. A new route, action or event fails both tests until it is added.
import type { ClientToServer } from '../src/lib/realtime/contract.ts';
import type { Role } from '../src/lib/server/db/schema.ts';

export type Who = Role | 'anonymous';
export const WHO: readonly Who[] = ['officer', 'supervisor', 'commander', 'analyst', 'admin', 'anonymous'];

const SIGNED_IN: readonly Who[] = ['officer', 'supervisor', 'commander', 'analyst', 'admin'];
const EVERYONE = WHO;
/** the serious-violence dashboard: everyone operational; admins hold no operational data */
const DASHBOARD: readonly Who[] = ['officer', 'supervisor', 'commander', 'analyst'];
/** shift summaries: commanders as aggregates, supervisors per officer */
const SUMMARIES: readonly Who[] = ['commander', 'supervisor'];
/** trials: analysts set them up, commanders read results, supervisors need the daily schedule */
const TRIALS: readonly Who[] = ['commander', 'supervisor', 'analyst'];

export interface RouteExpectation {
	/** the route as SvelteKit names it: its directory under src/routes, groups dropped */
	route: string;
	/** a concrete path of the route ([params] filled in) */
	sample: string;
	/** what it answers: GET for a page, the handlers a +server.ts exports */
	methods: readonly string[];
	/** who gets an answer: past the guard in hooks.server.ts and any check in the route itself */
	allow: readonly Who[];
	/** signed-in roles the prefix guard lets through but the route itself refuses */
	refusedInRoute?: readonly Role[];
	/** the guard lets everyone through: the handler wants a device token, never a session */
	token?: true;
	/** query string for the HTTP check, so that an allowed GET is a complete request */
	query?: string;
	/** statuses an allowed GET may answer, when not just 200 (a 303 here never goes to /login) */
	ok?: readonly number[];
	/** for POST handlers: a body an allowed role may send that is refused as bad input (nothing stored) */
	probe?: { body: string; status: number };
}

export const EXPECTED_ROUTES: readonly RouteExpectation[] = [
	{ route: '/', sample: '/', methods: ['GET'], allow: SIGNED_IN, ok: [303] },
	{ route: '/login', sample: '/login', methods: ['GET'], allow: EVERYONE, ok: [200, 303] },
	// single sign-on: on its way to the provider (404 where OIDC_ISSUER is unset), and back from it
	{ route: '/login/sso', sample: '/login/sso', methods: ['GET'], allow: EVERYONE, ok: [303, 404] },
	{ route: '/login/sso/callback', sample: '/login/sso/callback', methods: ['GET'], allow: EVERYONE, ok: [200] },
	{ route: '/logout', sample: '/logout', methods: ['GET'], allow: SIGNED_IN },

	// officer: own duty, patrols, activities, taskings; hot spots, why and briefings; own figures
	{ route: '/officer', sample: '/officer', methods: ['GET'], allow: ['officer'] },
	{ route: '/officer/hotspot/[id]', sample: '/officer/hotspot/1', methods: ['GET'], allow: ['officer'] },
	{ route: '/officer/me', sample: '/officer/me', methods: ['GET'], allow: ['officer'] },
	{ route: '/api/officer/activities/recent', sample: '/api/officer/activities/recent', methods: ['GET'], allow: ['officer'] },
	{ route: '/api/officer/fixes/recent', sample: '/api/officer/fixes/recent', methods: ['GET'], allow: ['officer'] },
	// no probe: any accepted body creates a tasking
	{ route: '/api/officer/send-me', sample: '/api/officer/send-me', methods: ['POST'], allow: ['officer'] },

	// supervisor: the control room, live positions of on-duty officers, gaps, tasking
	{ route: '/control', sample: '/control', methods: ['GET'], allow: ['supervisor'] },
	{ route: '/control/wall', sample: '/control/wall', methods: ['GET'], allow: ['supervisor'] },
	{ route: '/api/control/hotspots', sample: '/api/control/hotspots', methods: ['GET'], allow: ['supervisor'] },
	// commanders get no individual officer tracks
	{ route: '/api/control/replay', sample: '/api/control/replay', methods: ['GET'], allow: ['supervisor'] },
	{ route: '/api/control/snapshot', sample: '/api/control/snapshot', methods: ['GET'], allow: ['supervisor'] },
	{ route: '/api/control/taskings', sample: '/api/control/taskings', methods: ['POST'], allow: ['supervisor'], probe: { body: '{}', status: 400 } },

	// commander (and supervisor): shift summaries and exports; trial results
	{ route: '/command', sample: '/command', methods: ['GET'], allow: SUMMARIES },
	{ route: '/command/pdf', sample: '/command/pdf', methods: ['GET'], allow: SUMMARIES },
	{ route: '/api/command/export/[kind]', sample: '/api/command/export/dosage', methods: ['GET'], allow: SUMMARIES },
	{ route: '/command/trial', sample: '/command/trial', methods: ['GET'], allow: TRIALS },
	// the e2e seed has no trial: 404 "No such trial" is the route answering, past the guard
	{ route: '/command/trial/place-days', sample: '/command/trial/place-days', methods: ['GET'], allow: TRIALS, query: 'id=1', ok: [200, 404] },

	// the dashboard: people involved for analysts only (in the route), exports for all but officers
	{ route: '/dashboard', sample: '/dashboard', methods: ['GET'], allow: DASHBOARD },
	{ route: '/dashboard/record/[id]', sample: '/dashboard/record/1', methods: ['GET'], allow: DASHBOARD },
	{
		route: '/dashboard/export/[format]',
		sample: '/dashboard/export/csv',
		methods: ['GET'],
		allow: ['supervisor', 'commander', 'analyst'],
		query: 'from=2024-01&to=2024-01'
	},
	{ route: '/api/dashboard/points', sample: '/api/dashboard/points', methods: ['GET'], allow: DASHBOARD, query: 'bbox=-1.30,51.70,-1.20,51.80' },

	// analyst: imports, hot spot sets, briefings, trials
	{ route: '/analyst', sample: '/analyst', methods: ['GET'], allow: ['analyst'] },
	{ route: '/analyst/detect', sample: '/analyst/detect', methods: ['GET'], allow: ['analyst'] },
	{ route: '/analyst/exclusions', sample: '/analyst/exclusions', methods: ['GET'], allow: ['analyst'] },
	{ route: '/analyst/harm', sample: '/analyst/harm', methods: ['GET'], allow: ['analyst'] },
	{ route: '/analyst/import', sample: '/analyst/import', methods: ['GET'], allow: ['analyst'] },
	{ route: '/analyst/sets/[id]', sample: '/analyst/sets/1', methods: ['GET'], allow: ['analyst'] },
	{ route: '/analyst/sets/[id]/publish', sample: '/analyst/sets/1/publish', methods: ['GET'], allow: ['analyst'] },
	{ route: '/analyst/trials', sample: '/analyst/trials', methods: ['GET'], allow: ['analyst'] },
	{ route: '/api/analyst/heat', sample: '/api/analyst/heat', methods: ['GET'], allow: ['analyst'] },
	// no job id: refused before anything is read
	{ route: '/api/analyst/imports', sample: '/api/analyst/imports', methods: ['POST'], allow: ['analyst'], probe: { body: '', status: 400 } },
	{ route: '/api/analyst/imports/progress/[job]', sample: '/api/analyst/imports/progress/access-matrix-job', methods: ['GET'], allow: ['analyst'] },

	// admin: users, roles, tokens, retention, audit log; no operational data
	{ route: '/admin', sample: '/admin', methods: ['GET'], allow: ['admin'] },
	{ route: '/admin/audit', sample: '/admin/audit', methods: ['GET'], allow: ['admin'] },
	{ route: '/admin/audit/export', sample: '/admin/audit/export', methods: ['GET'], allow: ['admin'] },

	// the base map: a force's own tiles (BASEMAP_TILES) and the style over them, for anyone signed in;
	// the e2e server sets no BASEMAP_TILES, so a tile is outside any coverage: 204
	{ route: '/basemap/style.json', sample: '/basemap/style.json', methods: ['GET'], allow: SIGNED_IN },
	{ route: '/basemap/tiles/[z]/[x]/[y].pbf', sample: '/basemap/tiles/14/8130/5447.pbf', methods: ['GET'], allow: SIGNED_IN, ok: [204] },

	// open to all: the health check; device protocols carry their own token
	{ route: '/api/health', sample: '/api/health', methods: ['GET'], allow: EVERYONE },
	// load balancers' checks: "ok" and "ready", nothing more
	{ route: '/healthz', sample: '/healthz', methods: ['GET'], allow: EVERYONE },
	{ route: '/readyz', sample: '/readyz', methods: ['GET'], allow: EVERYONE },
	// the monitoring's bearer token (METRICS_TOKEN), never a session: 404 while unset, else 401 without it
	{ route: '/metrics', sample: '/metrics', methods: ['GET'], allow: EVERYONE, token: true },
	{ route: '/api/devices/osmand', sample: '/api/devices/osmand', methods: ['GET', 'POST'], allow: EVERYONE, token: true },
	{ route: '/api/devices/owntracks', sample: '/api/devices/owntracks', methods: ['POST'], allow: EVERYONE, token: true }
];

export interface ActionExpectation {
	route: string;
	/** the key in `export const actions`; `default` is posted without `?/name` */
	action: string;
	allow: readonly Who[];
	/** signed-in roles the guard lets through but the action refuses */
	refusedInRoute?: readonly Role[];
	/** a form an allowed role may post that changes nothing, and the status it answers; none when every post changes something */
	probe?: { form: Record<string, string>; status: number };
}

export const EXPECTED_ACTIONS: readonly ActionExpectation[] = [
	// no probe: a bad post counts against the per-address login limit (a good one is every e2e login)
	{ route: '/login', action: 'default', allow: EVERYONE },
	// no probe: it ends the session
	{ route: '/logout', action: 'default', allow: SIGNED_IN },
	// no probe: it changes the officer's own recognition choice
	{ route: '/officer/me', action: 'recognition', allow: ['officer'] },
	// no probe: it issues the officer's own device token (ending any earlier one)
	{ route: '/officer/me', action: 'device', allow: ['officer'] },
	// users: create, change role/callsign/team, reset a password, device tokens, disable, enable, unlock,
	// revoke tokens, TOTP; an unknown action is refused before anything changes
	{ route: '/admin', action: 'default', allow: ['admin'], probe: { form: { action: 'none' }, status: 400 } },
	// the summary page takes no posts at all
	{ route: '/command', action: 'default', allow: [], refusedInRoute: ['commander', 'supervisor'] },
	// naming a person in a briefing is a disclosure of people involved: analysts only
	{ route: '/dashboard', action: 'brief', allow: ['analyst'], refusedInRoute: ['officer', 'supervisor', 'commander'], probe: { form: { person: '0', hotspot: '0' }, status: 400 } },
	{ route: '/analyst/detect', action: 'run', allow: ['analyst'], probe: { form: { cellM: '1' }, status: 400 } },
	{ route: '/analyst/exclusions', action: 'add', allow: ['analyst'], probe: { form: { name: '' }, status: 400 } },
	{ route: '/analyst/exclusions', action: 'remove', allow: ['analyst'], probe: { form: { id: '0' }, status: 200 } },
	{ route: '/analyst/harm', action: 'upload', allow: ['analyst'], probe: { form: {}, status: 400 } },
	{ route: '/analyst/import', action: 'saveMapping', allow: ['analyst'], probe: { form: { name: '' }, status: 400 } },
	{ route: '/analyst/import', action: 'removeImport', allow: ['analyst'], probe: { form: { id: '' }, status: 400 } },
	{ route: '/analyst/sets/[id]/publish', action: 'default', allow: ['analyst'], probe: { form: { targetHours: '0' }, status: 400 } },
	// no probe: it publishes the set before the live one again (audited)
	{ route: '/analyst', action: 'restore', allow: ['analyst'] },
	{ route: '/analyst/sets/[id]', action: 'briefing', allow: ['analyst'], probe: { form: { hotspot: '0' }, status: 404 } },
	{ route: '/analyst/trials', action: 'create', allow: ['analyst'], probe: { form: { fraction: '2' }, status: 400 } },
	{ route: '/analyst/trials', action: 'end', allow: ['analyst'], probe: { form: { id: '0' }, status: 200 } }
];

/**
 * Socket events a client may send, by role; typed against the contract so a new event is a type
 * error here, and checked against contract.ts's text by the matrix test as well. Each has a
 * payload the allowed role may send that is refused as bad input.
 */
export const EXPECTED_EVENTS: Record<keyof ClientToServer, { allow: readonly Role[]; probe: unknown }> = {
	'position:report': { allow: ['officer'], probe: 'not a fix' },
	'activity:report': { allow: ['officer'], probe: 'not an activity' },
	'duty:set': { allow: ['officer'], probe: {} },
	'tasking:respond': { allow: ['officer'], probe: {} }
};

/** Where a route's sample is posted for an action. */
export function actionPath(sample: string, action: string): string {
	return action === 'default' ? sample : `${sample}?/${action}`;
}

export function routeOf(route: string): RouteExpectation {
	const r = EXPECTED_ROUTES.find((e) => e.route === route);
	if (!r) throw new Error(`tests/access-expected.ts: no route entry for ${route}`);
	return r;
}
