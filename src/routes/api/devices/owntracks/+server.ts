import { json, text } from '@sveltejs/kit';
import { basicAuthPassword, parseOwnTracks, usernameMatches } from '#lib/server/devices/owntracks.ts';
import { BadRequestError, PayloadTooLargeError, readJson } from '#lib/server/http/body.ts';
import { userForToken } from '#lib/server/services/auth.ts';

const challenge = { 'www-authenticate': 'Basic realm="Hotspot Patrol"' };

// OwnTracks expects a JSON array back (messages for the phone); we send none. The body is read
// first (at most DEVICE_MAX_BYTES, so a chunked upload is cut off at 413 before any token lookup)
// and parsed only once the device has proved who it is.
export const POST = async ({ request, locals }) => {
	const { app } = locals;
	let body: unknown;
	let bad: BadRequestError | null = null;
	try {
		body = await readJson(request, app.config.deviceMaxBytes);
	} catch (e) {
		if (e instanceof PayloadTooLargeError) return text(e.message, { status: 413 });
		if (!(e instanceof BadRequestError)) throw e;
		bad = e;
	}
	const auth = basicAuthPassword(request.headers.get('authorization'));
	if (!auth) return text('HTTP Basic authentication required: callsign and device token', { status: 401, headers: challenge });
	const user = await userForToken(app.db, auth.password);
	if (!user || user.role !== 'officer' || user.tokenKind !== 'device') return text('unknown or revoked device token', { status: 401, headers: challenge });
	if (!usernameMatches(auth.user, user.callsign)) return text('the username must be the callsign of the officer this device token belongs to', { status: 401, headers: challenge });
	if (bad) return text(bad.message, { status: 400 });
	const parsed = parseOwnTracks(body, auth.password);
	if (!parsed.ok) return text(parsed.error, { status: 400 });
	if (parsed.fixes.length) {
		const ack = await app.ingest.report(user.id, parsed.fixes, 'owntracks');
		if (!ack.ok && ack.error.includes('retry')) return text(ack.error, { status: 503 });
	}
	return json([]);
};
