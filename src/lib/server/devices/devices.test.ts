import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFix } from '../../domain/presence/fix.ts';
import { deviceTime, textNumber } from './numbers.ts';
import { parseOsmandJson, parseOsmandParams } from './osmand.ts';
import { parseOwnTracks, usernameMatches } from './owntracks.ts';

const tst = 1_795_800_659;
const location = (m: Record<string, unknown> = {}) => ({ _type: 'location', lat: 51.7523, lon: -1.2583, tst, acc: 13, vel: 4, cog: 180, ...m });
const osmand = (coords: Record<string, unknown> = {}, loc: Record<string, unknown> = {}) => ({ device_id: 'hp_token', location: { timestamp: '2026-11-26T21:30:00.000Z', coords: { latitude: 51.7519, longitude: -1.2579, accuracy: 9.5, ...coords }, ...loc } });
const params = (p: Record<string, string>) => new URLSearchParams({ id: 'hp_token', timestamp: String(tst), lat: '51.7521', lon: '-1.2581', ...p });

describe('strict numbers', () => {
	it('reads decimal text, including Java’s exponent form, and nothing else', () => {
		expect(textNumber('51.7521', 'lat')).toBe(51.7521);
		expect(textNumber('-1.25', 'lon')).toBe(-1.25);
		expect(textNumber('1.0E-4', 'lat')).toBe(0.0001);
		expect(textNumber(null, 'speed')).toBeNull();
		for (const bad of ['0x33', 'Infinity', 'NaN', ' 51', '51 ', '51,7', '1e999', '0b11', '+', '.', '1_000']) expect(() => textNumber(bad, 'lat'), bad).toThrow(/^lat: must be a decimal number/);
	});
	it('reads times as seconds, milliseconds or ISO 8601 (UTC without a zone)', () => {
		expect(deviceTime(tst, 't')).toBe(tst * 1000);
		expect(deviceTime(String(tst * 1000), 't')).toBe(tst * 1000);
		expect(deviceTime('2026-11-26T21:30:00.000Z', 't')).toBe(Date.UTC(2026, 10, 26, 21, 30));
		expect(deviceTime('2026-11-26 21:30:00', 't')).toBe(Date.UTC(2026, 10, 26, 21, 30));
		expect(deviceTime('2026-11-26T22:30:00+01:00', 't')).toBe(Date.UTC(2026, 10, 26, 21, 30));
		for (const bad of ['1', 'yesterday', '2026-11-26', 'Thu Nov 26 2026', true, null, [tst], -5, Infinity]) expect(() => deviceTime(bad, 'timestamp'), String(bad)).toThrow(/^timestamp: /);
	});
});

describe('OsmAnd', () => {
	it('reads the query form, converting knots', () => {
		const r = parseOsmandParams(params({ speed: '2.7', bearing: '90.0', accuracy: '12.0' }));
		expect(r).toMatchObject({ ok: true, token: 'hp_token', fixes: [{ t: tst * 1000, lat: 51.7521, lon: -1.2581, accuracy: 12, heading: 90 }] });
		expect(r.ok && r.fixes[0].speed).toBeCloseTo(2.7 * 0.514444, 6);
	});
	it.each([
		[{ lat: '0x33' }, /^lat: must be a decimal number, got "0x33"/],
		[{ lon: '' }, /^lon: a number is required/],
		[{ speed: 'fast' }, /^speed: /],
		[{ accuracy: 'Infinity' }, /^accuracy: /],
		[{ timestamp: 'soon' }, /^timestamp: /]
	])('refuses %j naming the field', (p, error) => {
		expect(parseOsmandParams(params(p))).toEqual({ ok: false, error: expect.stringMatching(error) });
	});
	it('reads Traccar Client 9 JSON, a batch, and the SDK’s -1 for unknown', () => {
		expect(parseOsmandJson(osmand({ speed: -1, heading: -1 }))).toMatchObject({ ok: true, fixes: [{ lat: 51.7519, accuracy: 9.5, speed: null, heading: null }] });
		const batch = { device_id: 'hp_token', location: [osmand().location, osmand({ latitude: 51.76 }, { timestamp: tst + 5 }).location] };
		expect(parseOsmandJson(batch)).toMatchObject({ ok: true, fixes: [{ lat: 51.7519 }, { lat: 51.76, t: (tst + 5) * 1000 }] });
	});
	it.each([
		[osmand({ latitude: true }), /^location\.coords\.latitude: must be a number, got true/],
		[osmand({ latitude: '51.7' }), /^location\.coords\.latitude: must be a number, got "51\.7"/],
		[osmand({ latitude: null }), /^location\.coords\.latitude: a number is required/],
		[osmand({ accuracy: [1] }), /^location\.coords\.accuracy: /],
		[{ device_id: 'hp_token', location: [osmand().location, 7] }, /^location\[1\]: expected an object/],
		[{ device_id: ['hp_token'] }, /^device_id: /],
		['text', /^body: /]
	])('refuses %j naming the field', (body, error) => {
		expect(parseOsmandJson(body)).toEqual({ ok: false, error: expect.stringMatching(error) });
	});
});

describe('OwnTracks', () => {
	it('reads a location, converting km/h, and ignores other message types', () => {
		const r = parseOwnTracks([location(), { _type: 'transition', event: 'leave' }], 'hp_token');
		expect(r).toMatchObject({ ok: true, fixes: [{ t: tst * 1000, lat: 51.7523, lon: -1.2583, accuracy: 13, heading: 180 }] });
		expect(r.ok && r.fixes[0].speed).toBeCloseTo(4 / 3.6, 6);
		// null is "not known" for the optional ones: never 0 m of accuracy
		expect(parseOwnTracks(location({ acc: null, vel: null, cog: null }), 't')).toMatchObject({ ok: true, fixes: [{ accuracy: 50, speed: null, heading: null }] });
	});
	it.each([
		[location({ lat: null }), /^lat: a number is required/],
		[location({ lon: '1' }), /^lon: must be a number/],
		[location({ acc: '5' }), /^acc: must be a number, got "5"/],
		[location({ acc: true }), /^acc: /],
		[location({ tst: 1.5 }), /^tst: whole seconds/],
		[[location(), location({ vel: {} })], /^\[1\]\.vel: /],
		[null, /^_type: expected a JSON object/]
	])('refuses %j naming the field', (body, error) => {
		expect(parseOwnTracks(body, 't')).toEqual({ ok: false, error: expect.stringMatching(error) });
	});
	it('matches the Basic username to the callsign, ignoring case and spaces only', () => {
		expect(usernameMatches('tv-101 ', 'TV-101')).toBe(true);
		expect(usernameMatches('TV-102', 'TV-101')).toBe(false);
		expect(usernameMatches('', null)).toBe(false);
	});
});

describe('on any JSON', () => {
	it('never throw, refuse with a bounded message, and produce only numbers that parseFix can judge', () => {
		const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(-0, 1e308, Infinity, NaN, '0x33', 'NaN', true, null, 51.75, tst));
		const check = (r: { ok: true; fixes: { lat: number; t: number }[] } | { ok: false; error: string }) => {
			if (!r.ok) return expect(r.error.length).toBeLessThan(300);
			for (const f of r.fixes) {
				expect(Number.isFinite(f.lat) && Number.isFinite(f.t)).toBe(true);
				parseFix(f);
			}
		};
		fc.assert(
			fc.property(value, value, value, value, (a, b, c, d) => {
				check(parseOwnTracks(location({ lat: a, lon: b, acc: c, tst: d }), 't'));
				check(parseOsmandJson(osmand({ latitude: a, longitude: b, speed: c }, { timestamp: d })));
				const text = (x: unknown) => (typeof x === 'string' ? x : (JSON.stringify(x) ?? ''));
				check(parseOsmandParams(params({ lat: text(a), lon: text(b), timestamp: text(d) })));
			}),
			{ numRuns: 1000 }
		);
	});
});
