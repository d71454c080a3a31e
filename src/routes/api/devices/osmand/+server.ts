import { text } from '@sveltejs/kit';
import { parseOsmandJson, parseOsmandParams, type Parsed } from '#lib/server/devices/osmand.ts';
import { BadRequestError, PayloadTooLargeError, readJson, readText } from '#lib/server/http/body.ts';
import { userForToken } from '#lib/server/services/auth.ts';

// Traccar Client keeps a fix and retries until it sees 200, so only answers that a retry could
// fix are errors; a fix refused for good (off duty, malformed) is answered 200 with the reason.
// The body is read (at most DEVICE_MAX_BYTES) before anything else: the token travels inside it.
async function handle(app: App.Locals['app'], parsed: Parsed) {
	if (!parsed.ok) return text(parsed.error, { status: 400 });
	const user = await userForToken(app.db, parsed.token);
	if (!user || user.role !== 'officer' || user.tokenKind !== 'device') return text('unknown or revoked device id', { status: 401 });
	const ack = await app.ingest.report(user.id, parsed.fixes, 'osmand');
	if (!ack.ok) return text(ack.error, { status: ack.error.includes('retry') ? 503 : 400 });
	if (ack.rejected.length) return text(`not stored: ${ack.rejected[0].error}`);
	return text('OK');
}

/** Body read errors as answers: 413 over the limit, 400 for JSON that is not or is too deep. */
async function reading<T>(read: () => Promise<T>): Promise<T | Response> {
	try {
		return await read();
	} catch (e) {
		if (e instanceof PayloadTooLargeError || e instanceof BadRequestError) return text(e.message, { status: e.status });
		throw e;
	}
}

export const GET = async ({ url, locals }) => handle(locals.app, parseOsmandParams(url.searchParams));

export const POST = async ({ request, url, locals }) => {
	const limit = locals.app.config.deviceMaxBytes;
	const type = request.headers.get('content-type') ?? '';
	if (type.includes('application/json')) {
		const body = await reading(() => readJson(request, limit));
		return body instanceof Response ? body : handle(locals.app, parseOsmandJson(body));
	}
	const form = await reading(() => readText(request, limit));
	if (form instanceof Response) return form;
	if (type.includes('application/x-www-form-urlencoded')) {
		const params = new URLSearchParams(form);
		for (const [k, v] of url.searchParams) if (!params.has(k)) params.set(k, v);
		return handle(locals.app, parseOsmandParams(params));
	}
	return handle(locals.app, parseOsmandParams(url.searchParams));
};
