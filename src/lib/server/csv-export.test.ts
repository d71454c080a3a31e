import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../domain/import/csv.ts';
import { csvCell, toCsv } from './csv-export.ts';

describe('CSV export', () => {
	it('neutralises formulas a spreadsheet would run', () => {
		expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
		expect(csvCell('+1+1')).toBe("'+1+1");
		expect(csvCell('-2')).toBe("'-2");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tcmd')).toBe("'\tcmd");
		expect(csvCell(-2)).toBe('-2');
		expect(csvCell('Queen Street')).toBe('Queen Street');
	});
	it('round-trips any text through a CSV reader, with nothing left that starts a formula', () => {
		fc.assert(
			fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
				const parsed = parseCsv(toCsv(['a', 'b', 'c', 'd'].slice(0, rows[0].length), rows));
				expect(parsed.length).toBe(rows.length + 1);
				parsed.slice(1).forEach((r, i) => {
					r.forEach((cell, j) => {
						expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
						// either untouched, or the original starts a formula and gained a leading quote
						const original = rows[i][j];
						expect(cell === original || (/^[=+\-@\t\r]/.test(original) && cell === `'${original}`)).toBe(true);
					});
				});
			})
		);
	});
});
