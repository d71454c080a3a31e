import { describe, expect, it } from 'vitest';
import { fontCodePoints } from '../../../../tests/ttf-cmap.ts';
import { PDF_FONTS } from './summary-pdf.ts';

describe('the PDF font', () => {
	it('has the characters a shift summary prints, and the check can tell a missing one', () => {
		for (const bytes of [PDF_FONTS.regular, PDF_FONTS.bold]) {
			const has = fontCodePoints(bytes);
			const printed = 'Shift summary — Night 2026-11-25 ≥10 min 45 % St Aldate’s “Carfax” café Żółć 2–5 · ½';
			expect([...printed].filter((c) => !has(c.codePointAt(0)!))).toEqual([]);
			// a private-use character no font of ours has: the check is not always true
			expect(has(0xe000)).toBe(false);
			expect(has(0x4e2d)).toBe(false); // 中: DejaVu has no CJK
		}
	});
});
