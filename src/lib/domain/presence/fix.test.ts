import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

describe('parseFix on hostile input', () => {
	const deep = (depth: number): unknown => {
		let v: unknown = 1;
		for (let i = 0; i < depth; i++) v = [v];
		return v;
	};
	it('refuses 6,000 nested arrays in any field with a short message, without throwing', () => {
		for (const field of ['id', 't', 'lat', 'lon', 'accuracy', 'speed', 'heading']) {
			const r = parseFix({ ...good, [field]: deep(6000) });
			expect(r).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`^${field}: .*got an array of 1$`)) });
		}
	});
	it('never quotes a huge value back', () => {
		const r = parseFix({ ...good, lat: 'x'.repeat(1_000_000) });
		expect(!r.ok && r.error.length).toBeLessThan(200);
	});
	it('never throws on any JSON, and what it accepts is a valid fix', () => {
		const field = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(-0, 1e308, -1e308, 'NaN', '51.7', '0x33', true, null, T));
		fc.assert(
			fc.property(fc.record({ id: fc.oneof(fc.uuid(), fc.jsonValue({ maxDepth: 2 })), t: field, lat: field, lon: field, accuracy: field, speed: field, heading: field }, { requiredKeys: [] }), (raw) => {
				const r = parseFix(raw);
				if (r.ok) {
					expect(Number.isFinite(r.fix.lat) && Math.abs(r.fix.lat) <= 90 && Math.abs(r.fix.lon) <= 180 && Number.isInteger(r.fix.t)).toBe(true);
				} else expect(r.error.length).toBeLessThan(200);
			}),
			{ numRuns: 300 }
		);
	});
});
