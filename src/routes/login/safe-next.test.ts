import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
	it('follows paths on this site', () => {
		for (const p of ['/control', '/control/wall?theme=night', '/dashboard/record/12#people', '/officer/hotspot/3']) expect(safeNext(p)).toBe(p);
	});
	it('ignores other hosts, schemes, backslashes and control characters', () => {
		for (const p of [null, '', 'control', '//evil.example', '/\\evil.example', '/\\/evil.example', 'https://evil.example', 'javascript:alert(1)', '/\tevil', '/x\r\nset-cookie: a=b', '/\u0000', '/' + 'a'.repeat(3000)]) {
			expect(safeNext(p), JSON.stringify(p)).toBeNull();
		}
	});
	it('whatever it follows stays on this origin', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
				for (const p of [s, '/' + s]) {
					const n = safeNext(p);
					if (n !== null) expect(new URL(n, 'https://patrol.example').origin).toBe('https://patrol.example');
				}
			}),
			{ numRuns: 500 }
		);
	});
});
