// The OsmAnd HTTP protocol as Traccar Client speaks it (traccar.org/osmand): query or form
// parameters (id, timestamp, lat, lon, speed in knots, bearing, altitude, accuracy, batt), or —
// from Traccar Client 9 — a JSON body { location: { timestamp, coords: { latitude, longitude,
// accuracy, speed (m/s), heading }, uuid? }, device_id }, where `location` may be a batch array.
// Its device id is the one token we accept outside `auth`: a device token that can only report.
import { createHash } from 'node:crypto';

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

/** A fix id the device never sent: derived from the device and the fix time, so a resend is a duplicate. */
export function derivedId(token: string, t: number): string {
	return 'd-' + createHash('sha256').update(`${token}|${t}`).digest('hex').slice(0, 32);
}

export function parseTime(v: unknown): number | null {
	if (typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v))) {
		const n = Number(v);
		// seconds since the epoch, or milliseconds from clients that send them
		return n > 1e12 ? Math.round(n) : Math.round(n * 1000);
	}
	if (typeof v === 'string' && v) {
		const t = Date.parse(v);
		return Number.isNaN(t) ? null : t;
	}
	return null;
}

function num(v: unknown): number | null {
	if (v === null || v === undefined || v === '') return null;
	const n = Number(v);
	return Number.isFinite(n) ? n : null;
}

export function parseOsmandParams(p: URLSearchParams): Parsed {
	const token = p.get('id') ?? p.get('deviceid');
	if (!token) return { ok: false, error: 'id: the device id (your device token) is required' };
	const t = parseTime(p.get('timestamp')) ?? null;
	if (t === null) return { ok: false, error: 'timestamp: seconds since 1970 or an ISO date-time' };
	const lat = num(p.get('lat'));
	const lon = num(p.get('lon'));
	if (lat === null || lon === null) return { ok: false, error: 'lat and lon are required' };
	const speed = num(p.get('speed'));
	// hdop is what OsmAnd itself sends; Traccar Client sends accuracy in metres
	const accuracy = num(p.get('accuracy')) ?? (num(p.get('hdop')) !== null ? num(p.get('hdop'))! * 5 : 50);
	return {
		ok: true,
		token,
		fixes: [{ id: derivedId(token, t), t, lat, lon, accuracy, speed: speed === null ? null : speed * KNOT, heading: num(p.get('bearing')) ?? num(p.get('heading')) }]
	};
}

export function parseOsmandJson(body: unknown): Parsed {
	if (!body || typeof body !== 'object') return { ok: false, error: 'expected a JSON object { location, device_id }' };
	const b = body as { device_id?: unknown; location?: unknown };
	if (typeof b.device_id !== 'string' || !b.device_id) return { ok: false, error: 'device_id: your device token is required' };
	const token = b.device_id;
	const list = Array.isArray(b.location) ? b.location : [b.location];
	const fixes: DeviceFix[] = [];
	for (const [i, l] of list.entries()) {
		const loc = l as { timestamp?: unknown; uuid?: unknown; coords?: Record<string, unknown> } | null;
		if (!loc?.coords) return { ok: false, error: `location${list.length > 1 ? `[${i}]` : ''}.coords is required` };
		const t = parseTime(loc.timestamp);
		if (t === null) return { ok: false, error: `location.timestamp: an ISO date-time` };
		const lat = num(loc.coords.latitude);
		const lon = num(loc.coords.longitude);
		if (lat === null || lon === null) return { ok: false, error: 'location.coords.latitude and longitude are required' };
		const speed = num(loc.coords.speed);
		fixes.push({
			id: typeof loc.uuid === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(loc.uuid) ? loc.uuid : derivedId(token, t),
			t,
			lat,
			lon,
			accuracy: num(loc.coords.accuracy) ?? 50,
			// the SDK reports -1 when it has no speed
			speed: speed === null || speed < 0 ? null : speed,
			heading: (() => {
				const h = num(loc.coords.heading);
				return h === null || h < 0 ? null : h;
			})()
		});
	}
	return { ok: true, token, fixes };
}
