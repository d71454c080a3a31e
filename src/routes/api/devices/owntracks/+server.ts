import { json, text } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';
import { basicAuthPassword, parseOwnTracks } from '#lib/server/devices/owntracks.ts';
import { userForToken } from '#lib/server/services/auth.ts';

// OwnTracks expects a JSON array back (messages for the phone); we send none.
export const POST = async ({ request }) => {
	const ctx = getContext();
	const auth = basicAuthPassword(request.headers.get('authorization'));
	if (!auth) return text('HTTP Basic authentication required: callsign and device token', { status: 401, headers: { 'www-authenticate': 'Basic realm="Hotspot Patrol"' } });
	const user = await userForToken(ctx.db, auth.password);
	if (!user || user.role !== 'officer' || user.tokenKind !== 'device') return text('unknown or revoked device token', { status: 401 });
	const body = await request.json().catch(() => undefined);
	if (body === undefined) return text('not valid JSON', { status: 400 });
	const parsed = parseOwnTracks(body, auth.password);
	if (!parsed.ok) return text(parsed.error, { status: 400 });
	if (parsed.fixes.length) {
		const ack = await ctx.ingest.report(user.id, parsed.fixes, 'owntracks');
		if (!ack.ok && ack.error.includes('retry')) return text(ack.error, { status: 503 });
	}
	return json([]);
};
