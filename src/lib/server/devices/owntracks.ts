// OwnTracks in HTTP mode (owntracks.org/booklet/tech/json): POST of a JSON message; locations are
// { _type: "location", lat, lon, tst (epoch s), acc (m), vel (km/h), cog (degrees), tid }. The
// app authenticates with HTTP Basic: the username is the callsign, the password a device token,
// and the two must belong together. Other message types (transition, lwt, waypoints…) are
// answered and ignored. Numbers are JSON numbers; null means "not known" for the optional ones.
import { describeValue } from '../../domain/payload-guard.ts';
import { FieldError, jsonNumber, parsing, required } from './numbers.ts';
import { derivedId, UNKNOWN_ACCURACY_M, type DeviceFix } from './osmand.ts';

/** the year 3000: later is a broken clock, and tst × 1000 must stay a safe integer */
const MAX_TST = 32_503_680_000;

export type OwnTracksParsed = { ok: true; fixes: DeviceFix[] } | { ok: false; error: string };

export function basicAuthPassword(header: string | null): { user: string; password: string } | null {
	if (!header?.startsWith('Basic ')) return null;
	const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
	const i = text.indexOf(':');
	return i < 0 ? null : { user: text.slice(0, i), password: text.slice(i + 1) };
}

/** The Basic username an OwnTracks phone is set up with must be the callsign of its token's officer. */
export function usernameMatches(user: string, callsign: string | null): boolean {
	return callsign !== null && user.trim().toLowerCase() === callsign.trim().toLowerCase();
}

export function parseOwnTracks(body: unknown, token: string): OwnTracksParsed {
	return parsing(() => {
		const batch = Array.isArray(body);
		const list: unknown[] = batch ? (body as unknown[]) : [body];
		const fixes: DeviceFix[] = [];
		for (const [i, m] of list.entries()) {
			const at = (field: string) => (batch ? `[${i}].${field}` : field);
			if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new FieldError(`${at('_type')}: expected a JSON object with _type, got ${describeValue(m)}`);
			const msg = m as Record<string, unknown>;
			if (msg._type !== 'location') continue;
			const lat = required(jsonNumber(msg.lat, at('lat')), at('lat'));
			const lon = required(jsonNumber(msg.lon, at('lon')), at('lon'));
			const tst = required(jsonNumber(msg.tst, at('tst')), at('tst'), 'seconds since 1970');
			if (!Number.isInteger(tst) || tst <= 0 || tst > MAX_TST) throw new FieldError(`${at('tst')}: whole seconds since 1970, got ${describeValue(msg.tst)}`);
			const t = tst * 1000;
			const vel = jsonNumber(msg.vel, at('vel'));
			fixes.push({
				id: derivedId(token, t),
				t,
				lat,
				lon,
				accuracy: jsonNumber(msg.acc, at('acc')) ?? UNKNOWN_ACCURACY_M,
				speed: vel === null ? null : vel / 3.6,
				heading: jsonNumber(msg.cog, at('cog'))
			});
		}
		return { fixes };
	});
}
