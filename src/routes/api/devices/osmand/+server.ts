import { text } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';
import { parseOsmandJson, parseOsmandParams, type Parsed } from '#lib/server/devices/osmand.ts';
import { userForToken } from '#lib/server/services/auth.ts';

// Traccar Client keeps a fix and retries until it sees 200, so only answers that a retry could
// fix are errors; a fix refused for good (off duty, malformed) is answered 200 with the reason.
async function handle(parsed: Parsed) {
	if (!parsed.ok) return text(parsed.error, { status: 400 });
	const ctx = getContext();
	const user = await userForToken(ctx.db, parsed.token);
	if (!user || user.role !== 'officer' || user.tokenKind !== 'device') return text('unknown or revoked device id', { status: 401 });
	const ack = await ctx.ingest.report(user.id, parsed.fixes, 'osmand');
	if (!ack.ok) return text(ack.error, { status: ack.error.includes('retry') ? 503 : 400 });
	if (ack.rejected.length) return text(`not stored: ${ack.rejected[0].error}`);
	return text('OK');
}

export const GET = async ({ url }) => handle(parseOsmandParams(url.searchParams));

export const POST = async ({ request, url }) => {
	const type = request.headers.get('content-type') ?? '';
	if (type.includes('application/json')) {
		const body = await request.json().catch(() => undefined);
		if (body === undefined) return text('not valid JSON', { status: 400 });
		return handle(parseOsmandJson(body));
	}
	if (type.includes('application/x-www-form-urlencoded')) {
		const form = new URLSearchParams(await request.text());
		for (const [k, v] of url.searchParams) if (!form.has(k)) form.set(k, v);
		return handle(parseOsmandParams(form));
	}
	return handle(parseOsmandParams(url.searchParams));
};
