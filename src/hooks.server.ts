import { randomUUID } from 'node:crypto';
import { error, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { decide } from '#lib/server/access.ts';
import { readConfig } from '#lib/server/config.ts';
import { providedApp } from '#lib/server/app-bridge.ts';
import { createApp, type App } from '#lib/server/app.ts';
import { bodyLimitFor, limitBody } from '#lib/server/http/body.ts';
import { handleServerError } from '#lib/server/http/errors.ts';
import { forbiddenPage, wantsPage } from '#lib/server/http/forbidden.ts';
import { userForSession } from '#lib/server/services/auth.ts';
import { SESSION_COOKIE } from '#lib/server/session-cookie.ts';

// src/server.ts (production) and the Vite plugin (dev) build the App before any request and
// provide it through the bridge; creating one here covers `node build` run directly, without Socket.IO.
let root: App | undefined;

export const init: ServerInit = async () => {
	root = providedApp() ?? (await createApp(readConfig(process.env)));
};

/** a proxy's request id (nginx's $request_id) is kept when it looks like one, so both logs agree */
const requestIdOf = (header: string | null) => (header && /^[A-Za-z0-9_-]{8,64}$/.test(header) ? header : randomUUID());

/** checks load balancers make every few seconds: logged at debug only */
const QUIET = new Set(['/healthz', '/readyz']);

// One log line per request: its id, the user's id, method, route, status and time — never the
// path's query string, a body, a name or a position.
export const handle: Handle = async (input) => {
	const started = performance.now();
	const { event } = input;
	event.locals.requestId = requestIdOf(event.request.headers.get('x-request-id'));
	let status = 500;
	try {
		const response = await guarded(input);
		status = response.status;
		response.headers.set('x-request-id', event.locals.requestId);
		return response;
	} catch (e) {
		status = isRedirect(e) || isHttpError(e) ? e.status : 500;
		throw e;
	} finally {
		const line = { req: event.locals.requestId, user: event.locals.user?.id ?? null, method: event.request.method, route: event.route.id, status, ms: Math.round(performance.now() - started) };
		if (QUIET.has(event.url.pathname)) root?.log.debug(line, 'http');
		else root?.log.info(line, 'http');
	}
};

const guarded: Handle = async ({ event, resolve }) => {
	if (!root) throw new Error('the app is not initialised (start through src/server.ts or vite dev)');
	const app = root;
	event.locals.app = app;
	// before the session lookup, the guard or any route reads a byte of the body
	const limited = limitBody(event.request, bodyLimitFor(event.url.pathname, app.config));
	if (limited instanceof Response) return limited;
	(event as { request: Request }).request = limited;
	event.locals.user = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const user = await userForSession(app.db, token, app.now(), {
			idleMinutes: app.config.sessionIdleMinutes,
			maxHours: app.config.sessionMaxHours
		});
		if (user) {
			event.locals.user = {
				id: user.id,
				username: user.username,
				displayName: user.displayName,
				callsign: user.callsign,
				role: user.role
			};
			event.locals.sessionId = user.sessionId;
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	const path = event.url.pathname;
	const decision = decide(path, event.locals.user?.role ?? null);
	if (decision === 'login') {
		if (path.startsWith('/api/')) error(401, 'log in first');
		redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
	}
	if (decision === 'forbidden') {
		if (event.locals.user && wantsPage(event.request, path)) return withHeaders(forbiddenPage(event.locals.user.role, path));
		error(403, `your role (${event.locals.user?.role}) cannot open ${path}`);
	}
	return withHeaders(await resolve(event));
};

function withHeaders(response: Response): Response {
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
	return response;
}

// A thrown error answers 500 with a reference (400 or 413 for input refused on the way in) and
// is logged with its context; the process carries on.
export const handleError: HandleServerError = (input) => handleServerError(input);
