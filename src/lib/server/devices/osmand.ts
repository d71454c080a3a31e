// The OsmAnd HTTP protocol as Traccar Client speaks it (traccar.org/osmand): query or form
// parameters (id, timestamp, lat, lon, speed in knots, bearing, altitude, accuracy, batt), or —
// from Traccar Client 9 — a JSON body { location: { timestamp, coords: { latitude, longitude,
// accuracy, speed (m/s), heading }, uuid? }, device_id }, where `location` may be a batch array.
// Its device id is the one token we accept outside `auth`: a device token that can only report.
// Numbers are strict (numbers.ts): a value that is not a number is refused by name, never guessed.
import { createHash } from 'node:crypto';
import { describeValue } from '../../domain/payload-guard.ts';
import { deviceTime, FieldError, jsonNumber, parsing, required, textNumber } from './numbers.ts';

export interface DeviceFix {
	id: string;
	t: number;
	lat: number;
	lon: number;
	accuracy: number;
	speed: number | null;
	heading: number | null;
}

export type Parsed = { ok: true; token: string; fixes: DeviceFix[] } | { ok: false; error: string };

const KNOT = 0.514444;
/** what a fix without an accuracy is taken to have: the limit of a usable fix */
export const UNKNOWN_ACCURACY_M = 50;

/** A fix id the device never sent: derived from the device and the fix time, so a resend is a duplicate. */
export function derivedId(token: string, t: number): string {
	return 'd-' + createHash('sha256').update(`${token}|${t}`).digest('hex').slice(0, 32);
}

export function parseOsmandParams(p: URLSearchParams): Parsed {
	return parsing(() => {
		const token = p.get('id') || p.get('deviceid');
		if (!token) throw new FieldError('id: the device id (your device token) is required');
		const t = deviceTime(p.get('timestamp'), 'timestamp');
		const lat = required(textNumber(p.get('lat'), 'lat'), 'lat');
		const lon = required(textNumber(p.get('lon'), 'lon'), 'lon');
		const speed = textNumber(p.get('speed'), 'speed');
		// hdop is what OsmAnd itself sends; Traccar Client sends accuracy in metres
		const hdop = textNumber(p.get('hdop'), 'hdop');
		const accuracy = textNumber(p.get('accuracy'), 'accuracy') ?? (hdop !== null ? hdop * 5 : UNKNOWN_ACCURACY_M);
		const heading = textNumber(p.get('bearing'), 'bearing') ?? textNumber(p.get('heading'), 'heading');
		return { token, fixes: [{ id: derivedId(token, t), t, lat, lon, accuracy, speed: speed === null ? null : speed * KNOT, heading }] };
	});
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function parseOsmandJson(body: unknown): Parsed {
	return parsing(() => {
		if (!isObject(body)) throw new FieldError(`body: expected a JSON object { location, device_id }, got ${describeValue(body)}`);
		const token = body.device_id;
		if (typeof token !== 'string' || !token) throw new FieldError(`device_id: your device token is required, got ${describeValue(token)}`);
		const batch = Array.isArray(body.location);
		const list: unknown[] = batch ? (body.location as unknown[]) : [body.location];
		const fixes = list.map((loc, i): DeviceFix => {
			const at = batch ? `location[${i}]` : 'location';
			if (!isObject(loc)) throw new FieldError(`${at}: expected an object { timestamp, coords }, got ${describeValue(loc)}`);
			const coords = loc.coords;
			if (!isObject(coords)) throw new FieldError(`${at}.coords: expected an object { latitude, longitude, … }, got ${describeValue(coords)}`);
			const t = deviceTime(loc.timestamp, `${at}.timestamp`);
			const speed = jsonNumber(coords.speed, `${at}.coords.speed`);
			const heading = jsonNumber(coords.heading, `${at}.coords.heading`);
			return {
				id: typeof loc.uuid === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(loc.uuid) ? loc.uuid : derivedId(token, t),
				t,
				lat: required(jsonNumber(coords.latitude, `${at}.coords.latitude`), `${at}.coords.latitude`),
				lon: required(jsonNumber(coords.longitude, `${at}.coords.longitude`), `${at}.coords.longitude`),
				accuracy: jsonNumber(coords.accuracy, `${at}.coords.accuracy`) ?? UNKNOWN_ACCURACY_M,
				// the SDK reports -1 when it has no speed or heading
				speed: speed === null || speed < 0 ? null : speed,
				heading: heading === null || heading < 0 ? null : heading
			};
		});
		return { token, fixes };
	});
}
