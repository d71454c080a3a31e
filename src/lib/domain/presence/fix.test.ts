import { describe, expect, it } from 'vitest';
import { fixQuality, parseFix } from './fix.ts';

const T = Date.UTC(2026, 10, 26, 12);
const good = { id: '7f1c2a10-1111-4aaa-8bbb-0123456789ab', t: T, lat: 51.752, lon: -1.258, accuracy: 8 };

describe('parseFix', () => {
	it('accepts a well-formed fix', () => {
		expect(parseFix(good)).toEqual({ ok: true, fix: { ...good, speed: null, heading: null } });
	});
	it.each([
		[{ ...good, lat: 91 }, 'lat'],
		[{ ...good, lon: -181 }, 'lon'],
		[{ ...good, id: 'x' }, 'id'],
		[{ ...good, t: 'yesterday' }, 't'],
		[{ ...good, t: 12 }, 't'],
		[{ ...good, accuracy: -1 }, 'accuracy'],
		[{ ...good, speed: 'fast' }, 'speed'],
		[{ ...good, heading: 400 }, 'heading'],
		[null, 'object'],
		[[good], 'object']
	])('refuses %j naming %s', (raw, field) => {
		const r = parseFix(raw);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toContain(field);
	});
});

describe('fixQuality', () => {
	const f = { ...good, speed: null, heading: null };
	it('flags inaccurate, future, stale and implausible fixes', () => {
		expect(fixQuality(f, T)).toBe('ok');
		expect(fixQuality({ ...f, accuracy: 51 }, T)).toBe('inaccurate');
		expect(fixQuality({ ...f, t: T + 25 * 3600_000 }, T)).toBe('future');
		expect(fixQuality({ ...f, t: T - 8 * 24 * 3600_000 }, T)).toBe('stale');
		// 1 km in 10 s is 100 m/s
		expect(fixQuality({ ...f, t: T + 10_000, lat: f.lat + 0.009 }, T, f)).toBe('implausible');
		expect(fixQuality({ ...f, t: T + 100_000, lat: f.lat + 0.009 }, T, f)).toBe('ok');
	});
});
