import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvReader, parseCsv } from './csv.ts';

describe('CsvReader', () => {
	it('reads quoted fields with commas, quotes and line breaks', () => {
		expect(parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n')).toEqual([
			['a', 'b', 'c'],
			['1', 'x, y', 'say "hi"'],
			['2', 'two\nlines', '']
		]);
	});

	it('reports the line where a row starts', () => {
		const lines: number[] = [];
		const r = new CsvReader((_, line) => lines.push(line));
		r.push('h\n"a\nb"\n\nc\n');
		r.end();
		expect(lines).toEqual([1, 2, 5]);
	});

	it('rejects a stray quote and an unclosed quote', () => {
		expect(() => parseCsv('a,b"c\n')).toThrow(/line 1: stray quote/);
		expect(() => parseCsv('a,"b\n')).toThrow(/never closed/);
	});

	it('gives the same rows however the input is chunked', () => {
		const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é') });
		fc.assert(
			fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 7 }), (rows, size) => {
				const text = rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\r\n') + '\n';
				const whole = parseCsv(text);
				const chunked: string[][] = [];
				const reader = new CsvReader((f) => chunked.push(f));
				for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
				reader.end();
				expect(chunked).toEqual(whole);
				expect(whole).toEqual(rows);
			})
		);
	});
});
