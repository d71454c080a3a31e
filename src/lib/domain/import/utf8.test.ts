import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, incompleteTail } from './utf8.ts';

describe('UTF-8 checks', () => {
	it('finds the first byte that is not UTF-8', () => {
		expect(firstInvalidUtf8(Buffer.from('Café, Zoë', 'utf8'))).toBe(-1);
		expect(firstInvalidUtf8(Buffer.from('Caf\xe9 x', 'latin1'))).toBe(3);
		expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xc0, 0x80))).toBe(1); // overlong
		expect(firstInvalidUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBe(0); // a surrogate
		expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xe2, 0x82))).toBe(1); // cut short
	});

	it('agrees with Node on any bytes, and a cut never splits a character it calls incomplete', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), (bytes, text) => {
				expect(firstInvalidUtf8(bytes) === -1).toBe(isUtf8(bytes));
				const enc = Buffer.from(text, 'utf8');
				for (let cut = 0; cut <= enc.length; cut++) {
					const head = enc.subarray(0, cut);
					const tail = incompleteTail(head);
					expect(isUtf8(head.subarray(0, cut - tail))).toBe(true);
				}
			})
		);
	});
});
