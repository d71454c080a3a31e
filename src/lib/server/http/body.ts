// Request bodies: a limit per route, applied in the `handle` hook before anything reads a byte,
// and JSON read within it and checked for depth and size before any validator walks it.
// adapter-node's BODY_SIZE_LIMIT is one number for every route; a phone's fix needs 1 KB and an
// analyst's crime file may need a gigabyte, so it is set to the largest and the hook narrows it.
import { BODY_LIMITS, checkJsonDepth, checkPayload, type PayloadLimits } from '../../domain/payload-guard.ts';

export interface BodyLimits {
	/** /api/devices/*: phones without a session, so the smallest */
	deviceMaxBytes: number;
	/** /api/analyst/imports: crime files, streamed to disk */
	importMaxBytes: number;
	/** everything else: forms and JSON */
	requestMaxBytes: number;
}

/** the exclusions page takes a GeoJSON file of up to 5 MB in a form (docs/hotspots.md), read into memory */
export const EXCLUSIONS_FORM_BYTES = 6 * 1024 * 1024;

export function bodyLimitFor(pathname: string, limits: BodyLimits): number {
	if (pathname.startsWith('/api/devices/')) return limits.deviceMaxBytes;
	if (pathname === '/api/analyst/imports') return limits.importMaxBytes;
	if (pathname === '/analyst/exclusions') return Math.max(limits.requestMaxBytes, EXCLUSIONS_FORM_BYTES);
	return limits.requestMaxBytes;
}

/** A body over its route's limit: answered 413 (see handleError in hooks.server.ts). */
export class PayloadTooLargeError extends Error {
	readonly status = 413;
	constructor(limit: number) {
		super(`the request body is over this route's limit of ${formatBytes(limit)}`);
		this.name = 'PayloadTooLargeError';
	}
}

/** Input refused before it reached a validator: answered 400 with this message. */
export class BadRequestError extends Error {
	readonly status = 400;
	constructor(message: string) {
		super(message);
		this.name = 'BadRequestError';
	}
}

export function formatBytes(n: number): string {
	if (n >= 1024 ** 3 && n % 1024 ** 3 === 0) return `${n / 1024 ** 3} GB`;
	if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MB`;
	if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
	return `${n} bytes`;
}

export function tooLarge(limit: number): Response {
	return new Response(new PayloadTooLargeError(limit).message, { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * The request as the route should see it: refused at once when Content-Length says it is too
 * large, else with a body that fails with PayloadTooLargeError at the first byte past the limit
 * (chunked uploads say nothing up front). What the client still sends after the 413 is read and
 * dropped, never kept (adapter-node drains it; production.ts hangs up on a client that goes on).
 */
export function limitBody(request: Request, limit: number): Response | Request {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limit) return tooLarge(limit);
	if (!request.body) return request;
	let seen = 0;
	const counted = new TransformStream<Uint8Array, Uint8Array>({
		transform(chunk, controller) {
			seen += chunk.byteLength;
			if (seen > limit) controller.error(new PayloadTooLargeError(limit));
			else controller.enqueue(chunk);
		}
	});
	// preventCancel: cancelling adapter-node's stream destroys the socket before the 413 is sent
	return new Request(request, { body: request.body.pipeThrough(counted, { preventCancel: true }), duplex: 'half' } as RequestInit);
}

/** The body as text, at most `limit` bytes (routes with their own limit, below the hook's). */
export async function readText(request: Request, limit: number): Promise<string> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => {});
			throw new PayloadTooLargeError(limit);
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * JSON from a body: size-limited, depth-checked on the text, parsed, then bounded in size. Throws
 * BadRequestError (400) with a reason, or PayloadTooLargeError (413).
 */
export async function readJson(request: Request, limit: number, limits: PayloadLimits = BODY_LIMITS): Promise<unknown> {
	const text = await readText(request, limit);
	const depth = checkJsonDepth(text, limits.maxDepth);
	if (!depth.ok) throw new BadRequestError(depth.error);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new BadRequestError('body: not valid JSON');
	}
	const shape = checkPayload(value, limits, 'body');
	if (!shape.ok) throw new BadRequestError(shape.error);
	return value;
}

/** readJson for routes that answer bad JSON with their own 400: null for that; over the limit stays a 413. */
export async function readJsonOrNull(request: Request, limit: number): Promise<unknown> {
	try {
		return await readJson(request, limit);
	} catch (e) {
		if (e instanceof BadRequestError) return null;
		throw e;
	}
}
