// OwnTracks in HTTP mode (owntracks.org/booklet/tech/json): POST of a JSON message; locations are
// { _type: "location", lat, lon, tst (epoch s), acc (m), vel (km/h), cog (degrees), tid }. The
// app authenticates with HTTP Basic: the username is the callsign, the password a device token.
// Other message types (transition, lwt, waypoints…) are answered and ignored.
import { derivedId, type DeviceFix } from './osmand.ts';

export type OwnTracksParsed = { ok: true; fixes: DeviceFix[] } | { ok: false; error: string };

export function basicAuthPassword(header: string | null): { user: string; password: string } | null {
	if (!header?.startsWith('Basic ')) return null;
	try {
		const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
		const i = text.indexOf(':');
		return i < 0 ? null : { user: text.slice(0, i), password: text.slice(i + 1) };
	} catch {
		return null;
	}
}

export function parseOwnTracks(body: unknown, token: string): OwnTracksParsed {
	const list = Array.isArray(body) ? body : [body];
	const fixes: DeviceFix[] = [];
	for (const m of list) {
		const msg = m as Record<string, unknown> | null;
		if (!msg || typeof msg !== 'object') return { ok: false, error: 'expected a JSON object with _type' };
		if (msg._type !== 'location') continue;
		const lat = Number(msg.lat);
		const lon = Number(msg.lon);
		const tst = Number(msg.tst);
		if (!Number.isFinite(lat) || !Number.isFinite(lon)) return { ok: false, error: 'lat and lon are required numbers' };
		if (!Number.isInteger(tst)) return { ok: false, error: 'tst: seconds since 1970' };
		const t = tst * 1000;
		const vel = Number(msg.vel);
		const cog = Number(msg.cog);
		fixes.push({
			id: derivedId(token, t),
			t,
			lat,
			lon,
			accuracy: Number.isFinite(Number(msg.acc)) ? Number(msg.acc) : 50,
			speed: Number.isFinite(vel) && msg.vel !== undefined ? vel / 3.6 : null,
			heading: Number.isFinite(cog) && msg.cog !== undefined ? cog : null
		});
	}
	return { ok: true, fixes };
}
