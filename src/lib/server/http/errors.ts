// What an HTTP request that threw is answered, and what is logged. The answer never carries the
// error's text (it may quote input or SQL); the log carries context — method, route, path, user
// id, a reference the answer also shows — and the stack, never the body or the query string
// (device tokens travel there) and never names, positions or notes.
import { randomBytes } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { BadRequestError, PayloadTooLargeError } from './body.ts';

export interface CaughtHttpError {
	kind: string;
	error: unknown;
	event: Pick<RequestEvent, 'request' | 'url' | 'route' | 'locals'>;
}

/** A thrown error's first lines, bounded: enough to find the bug, too little to hold a payload. */
export function errorSummary(e: unknown, max = 2000): string {
	if (e instanceof Error) return (e.stack ?? `${e.name}: ${e.message}`).slice(0, max);
	return `a thrown ${e === null ? 'null' : typeof e}`;
}

export function handleServerError({ kind, error, event }: CaughtHttpError): { status: number; message: string } | undefined {
	if (kind !== 'unknown') return undefined; // error(…), 404, 405, adapter-node's own 413: already safe
	if (error instanceof PayloadTooLargeError || error instanceof BadRequestError) return { status: error.status, message: error.message };
	// JSON.parse or decodeURIComponent on something a client sent
	if (error instanceof SyntaxError || error instanceof URIError) return { status: 400, message: 'malformed input' };
	const ref = randomBytes(4).toString('hex');
	const user = event.locals.user?.id ?? null;
	const line = { req: event.locals.requestId, user, method: event.request.method, path: event.url.pathname, route: event.route.id, ref, error: errorSummary(error) };
	if (event.locals.app) event.locals.app.log.error(line, 'http: 500');
	else console.error(`http: 500 ${JSON.stringify(line)}`);
	return { status: 500, message: `Internal error (ref ${ref}): it has been logged.` };
}
