import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonElements, jsonElements } from './json-elements.ts';

describe('JsonElements', () => {
	it('splits a root array, with strings holding brackets and escapes', () => {
		const text = '[{"a":"x]}","b":[1,2]}, {"c":"q\\"}"} ,3,"s,t"]';
		expect(jsonElements(text).map((t) => JSON.parse(t))).toEqual([{ a: 'x]}', b: [1, 2] }, { c: 'q"}' }, 3, 's,t']);
	});

	it('finds the features of a FeatureCollection wherever the key comes', () => {
		const fc1 = { type: 'FeatureCollection', name: 'x', bbox: [1, 2], features: [{ type: 'Feature', properties: { features: [9] } }, { type: 'Feature' }] };
		expect(jsonElements(JSON.stringify(fc1)).map((t) => JSON.parse(t))).toEqual(fc1.features);
		expect(() => jsonElements('{"type":"FeatureCollection"}')).toThrow(/"features" array/);
	});

	it('rejects broken documents with a reason', () => {
		expect(() => jsonElements('')).toThrow(/empty/);
		expect(() => jsonElements('[{"a":1}')).toThrow(/cut short/);
		expect(() => jsonElements('[1]]')).toThrow(/after the end|unbalanced/);
		expect(() => jsonElements('nope')).toThrow(/expected a JSON array/);
	});

	it('gives the same elements for any chunking of any JSON array of records', () => {
		const value = fc.jsonValue({ maxDepth: 3 });
		fc.assert(
			fc.property(fc.array(value, { maxLength: 6 }), fc.integer({ min: 1, max: 9 }), (arr, size) => {
				const text = JSON.stringify(arr, null, size % 3 === 0 ? 1 : undefined);
				const out: unknown[] = [];
				const p = new JsonElements((t) => out.push(JSON.parse(t)));
				for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
				p.end();
				expect(out).toEqual(JSON.parse(text));
			})
		);
	});
});
