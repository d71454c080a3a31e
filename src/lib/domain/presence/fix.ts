// The fix object (docs/protocol.md, The fix object) and the usable-fix rules (docs/presence.md rule 1).
import { describeValue } from '../payload-guard.ts';

export interface Fix {
	id: string;
	/** device time, epoch ms */
	t: number;
	lat: number;
	lon: number;
	/** metres, 68 % radius as browsers and Android report it */
	accuracy: number;
	/** m/s, from the device when it has one */
	speed?: number | null;
	/** degrees clockwise from north */
	heading?: number | null;
}

export type FixQuality = 'ok' | 'inaccurate' | 'implausible' | 'future' | 'stale';

export const FIX_RULES = {
	/** docs/presence.md rule 1 */
	maxAccuracyM: 50,
	maxSpeedMps: 60,
	maxFutureMs: 24 * 3600_000,
	/** A fix this much older than its arrival is history, not presence: stored, not used live. */
	maxAgeMs: 7 * 24 * 3600_000
} as const;

const UUIDISH = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;

/** epoch ms from 2000-01-01 to 3000-01-01: a device clock outside it is broken */
export const FIX_T_RANGE = [946_684_800_000, 32_503_680_000_000] as const;

export type FixCheck = { ok: true; fix: Fix } | { ok: false; error: string };

function num(v: unknown): number | undefined {
	return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * Shape check of one raw fix from any device, safe on any JSON value however deep. Returns a
 * reason naming the field and describing the bad value briefly — never the value itself, which
 * may be megabytes or 6,000 arrays deep.
 */
export function parseFix(raw: unknown): FixCheck {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		return { ok: false, error: 'a fix must be an object { id, t, lat, lon, accuracy }' };
	}
	const r = raw as Record<string, unknown>;
	if (typeof r.id !== 'string' || !UUIDISH.test(r.id)) {
		return { ok: false, error: `id: must be a uuid string from the device (8–64 characters), got ${describeValue(r.id)}` };
	}
	const t = num(r.t);
	if (t === undefined || !Number.isInteger(t) || t < FIX_T_RANGE[0] || t > FIX_T_RANGE[1]) {
		return { ok: false, error: `t: must be device time in epoch milliseconds, got ${describeValue(r.t)}` };
	}
	const lat = num(r.lat);
	if (lat === undefined || lat < -90 || lat > 90) {
		return { ok: false, error: `lat: must be a number from -90 to 90, got ${describeValue(r.lat)}` };
	}
	const lon = num(r.lon);
	if (lon === undefined || lon < -180 || lon > 180) {
		return { ok: false, error: `lon: must be a number from -180 to 180, got ${describeValue(r.lon)}` };
	}
	const accuracy = num(r.accuracy);
	if (accuracy === undefined || accuracy < 0 || accuracy > 100_000) {
		return { ok: false, error: `accuracy: must be metres ≥ 0, got ${describeValue(r.accuracy)}` };
	}
	let speed: number | null = null;
	if (r.speed !== undefined && r.speed !== null) {
		const s = num(r.speed);
		if (s === undefined || s < 0 || s > 1000) {
			return { ok: false, error: `speed: must be m/s ≥ 0 or null, got ${describeValue(r.speed)}` };
		}
		speed = s;
	}
	let heading: number | null = null;
	if (r.heading !== undefined && r.heading !== null) {
		const h = num(r.heading);
		if (h === undefined || h < 0 || h > 360) {
			return { ok: false, error: `heading: must be degrees 0–360 or null, got ${describeValue(r.heading)}` };
		}
		heading = h;
	}
	return { ok: true, fix: { id: r.id, t, lat, lon, accuracy, speed, heading } };
}

/**
 * Quality by itself and against the previous usable fix of the same officer. Unusable fixes are
 * stored with their flag and treated as no fix (docs/presence.md rule 1).
 */
export function fixQuality(fix: Fix, receivedAt: number, previousUsable?: Fix): FixQuality {
	if (fix.t - receivedAt > FIX_RULES.maxFutureMs) return 'future';
	if (receivedAt - fix.t > FIX_RULES.maxAgeMs) return 'stale';
	if (fix.accuracy > FIX_RULES.maxAccuracyM) return 'inaccurate';
	if (previousUsable && previousUsable.t !== fix.t) {
		const dt = Math.abs(fix.t - previousUsable.t) / 1000;
		const d = metresBetween(previousUsable, fix);
		if (d / dt > FIX_RULES.maxSpeedMps) return 'implausible';
	}
	return 'ok';
}

function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const rad = Math.PI / 180;
	const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
	const y = (b.lat - a.lat) * rad;
	return Math.sqrt(x * x + y * y) * 6_371_008.8;
}
