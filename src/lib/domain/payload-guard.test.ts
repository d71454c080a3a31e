import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonDepth, checkPayload, describeValue, isId, SOCKET_LIMITS } from './payload-guard.ts';

const nested = (depth: number, leaf: unknown = 1): unknown => {
	let v = leaf;
	for (let i = 0; i < depth; i++) v = [v];
	return v;
};

describe('checkPayload', () => {
	it('passes an ordinary report of 500 fixes', () => {
		const fixes = Array.from({ length: 500 }, (_, i) => ({ id: `fix-${i}-abcdef`, t: 1_800_000_000_000 + i, lat: 51.75, lon: -1.25, accuracy: 5, speed: null, heading: 90 }));
		expect(checkPayload(fixes, SOCKET_LIMITS)).toEqual({ ok: true });
	});
	it('refuses 6,000 and 1,000,000 nested arrays quickly, naming where', () => {
		const r = checkPayload({ id: 'x', t: nested(6000) }, SOCKET_LIMITS);
		expect(r).toEqual({ ok: false, error: expect.stringMatching(/^payload\.t\[0\]\[0\].*nested deeper than 8 levels$/) });
		const huge = nested(1_000_000);
		const t0 = performance.now();
		expect(checkPayload(huge, SOCKET_LIMITS).ok).toBe(false);
		expect(performance.now() - t0).toBeLessThan(50);
	});
	it('refuses too many values, long strings and keys, binary data and non-JSON values', () => {
		expect(checkPayload(Array.from({ length: 30_000 }, () => 1), SOCKET_LIMITS)).toMatchObject({ ok: false, error: expect.stringMatching(/more than 20000 values/) });
		expect(checkPayload({ note: 'x'.repeat(10_001) }, SOCKET_LIMITS)).toMatchObject({ ok: false, error: expect.stringMatching(/^payload\.note: a string longer/) });
		expect(checkPayload({ ['k'.repeat(10_001)]: 1 }, SOCKET_LIMITS)).toMatchObject({ ok: false, error: expect.stringMatching(/a key longer/) });
		expect(checkPayload({ a: Buffer.from('x') }, SOCKET_LIMITS)).toMatchObject({ ok: false, error: 'payload.a: binary data is not accepted' });
		expect(checkPayload({ a: () => 1 }, SOCKET_LIMITS)).toMatchObject({ ok: false, error: 'payload.a: a function is not JSON' });
		expect(checkPayload({ a: 1n }, SOCKET_LIMITS).ok).toBe(false);
	});
	it('never throws and bounds its message, whatever JSON it is given', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 20_000 }), (v, depth) => {
				for (const x of [v, nested(depth, v), { ['__proto__']: v, constructor: nested(depth) }]) {
					const r = checkPayload(x, SOCKET_LIMITS);
					if (!r.ok) expect(r.error.length).toBeLessThan(200);
				}
			}),
			{ numRuns: 200 }
		);
	});
});

describe('checkJsonDepth', () => {
	it('counts brackets outside strings only', () => {
		expect(checkJsonDepth('{"a":"[[[[[[[[[[[[[[[[[[[[[["}', 2)).toEqual({ ok: true });
		expect(checkJsonDepth('{"a":"\\"[[[[[","b":[[1]]}', 3)).toEqual({ ok: true });
		expect(checkJsonDepth('{"a":[[[1]]]}', 3)).toEqual({ ok: false, error: 'body: nested deeper than 3 levels' });
		expect(checkJsonDepth('['.repeat(1e6), 16).ok).toBe(false);
	});
	it('agrees with checkPayload on the depth of any JSON value', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 10 }), (v) => {
				const limits = { ...SOCKET_LIMITS, maxNodes: 1e9, maxString: 1e9, maxDepth: 5 };
				expect(checkJsonDepth(JSON.stringify(v), 5).ok).toBe(checkPayload(v, limits).ok);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('describeValue', () => {
	it('describes by type with a bounded preview', () => {
		expect(describeValue(91)).toBe('91');
		expect(describeValue('yesterday')).toBe('"yesterday"');
		expect(describeValue('x'.repeat(1e6))).toMatch(/^a string of 1000000 characters starting "x{40}"$/);
		expect(describeValue(nested(6000))).toBe('an array of 1');
		expect(describeValue({ a: 1, b: 2 })).toBe('an object with 2 keys');
		expect(describeValue(undefined)).toBe('nothing');
		expect(describeValue(NaN)).toBe('NaN');
		expect(describeValue(null)).toBe('null');
	});
});

describe('isId', () => {
	it('takes positive integers that fit a PostgreSQL integer, and nothing else', () => {
		for (const ok of [1, 42, 2_147_483_647]) expect(isId(ok)).toBe(true);
		for (const bad of [0, -1, 1.5, 2_147_483_648, 1e308, NaN, '1', null, [1]]) expect(isId(bad), String(bad)).toBe(false);
	});
});
