import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from './delimiter.ts';
import { describeExclusion, exclusionTest, parseExclusions } from './exclusions.ts';

describe('delimiters', () => {
	it('takes the separator that occurs most in the header, outside quotes', () => {
		expect(sniffDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
		expect(sniffDelimiter('uid;offense;"when, local";lon\r\n')).toBe(';');
		expect(sniffDelimiter('uid\tOffense\tYear\n')).toBe('\t');
		expect(sniffDelimiter('a|b|c')).toBe('|');
		expect(sniffDelimiter('only')).toBe(',');
	});
});

describe('exclusions', () => {
	it('leaves out rows by equality, a list or a pattern, and names what is wrong', () => {
		const rules = parseExclusions([{ column: 'Loc', equals: 'UNKNOWN', ignoreCase: true }, { column: 'Type', in: ['TEST', 'DUMMY'] }, { column: 'X', matches: '^0+$' }], 'exclude', Error);
		const test = exclusionTest(rules);
		const row = (r: Record<string, string>) => test((c) => r[c]);
		expect(row({ Loc: ' unknown ', Type: 'x', X: '5' })).toBe(0);
		expect(row({ Loc: 'High St', Type: 'DUMMY', X: '5' })).toBe(1);
		expect(row({ Loc: 'High St', Type: 'x', X: '000' })).toBe(2);
		expect(row({ Loc: 'High St', Type: 'test', X: '5' })).toBe(-1);
		expect(describeExclusion(rules[0])).toBe('Loc = "UNKNOWN" (any case)');
		expect(() => parseExclusions({}, 'mapping.exclude', Error)).toThrow(/mapping\.exclude: a list/);
		expect(() => parseExclusions([{ column: 'A', equals: 'x', in: ['y'] }], 'mapping.exclude', Error)).toThrow(/mapping\.exclude\[0\]: give exactly one/);
		expect(() => parseExclusions([{ column: 'A', matches: '(' }], 'mapping.exclude', Error)).toThrow(/mapping\.exclude\[0\]\.matches: not a regular expression/);
	});
});
