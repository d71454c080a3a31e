import { describe, expect, it } from 'vitest';
import { boundedNumber, isLoopbackHost, openFileLimit, parseServerUrls, parseTokensCsv } from './inputs.ts';

describe('load tool inputs', () => {
	it('reads the tokens file that "officers add" writes', () => {
		expect(parseTokensCsv('callsign,token\nLD001,hp_a\r\nLD002,hp_b\n', 't.csv')).toEqual([
			{ callsign: 'LD001', token: 'hp_a' },
			{ callsign: 'LD002', token: 'hp_b' }
		]);
		expect(() => parseTokensCsv('name,token\nA,b\n', 't.csv')).toThrow('t.csv: line 1 is not the header "callsign,token"');
		expect(() => parseTokensCsv('callsign,token\nA,b\nC\n', 't.csv')).toThrow('t.csv: row 3 is not "callsign,token"');
		expect(() => parseTokensCsv('callsign,token\n', 't.csv')).toThrow('no officers');
	});

	it('accepts loopback servers only', () => {
		for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(h)).toBe(true);
		for (const h of ['10.0.0.1', 'example.com', '128.0.0.1', '0.0.0.0', '127.0.0.1.nip.io']) expect(isLoopbackHost(h)).toBe(false);
		expect(parseServerUrls('http://127.0.0.1:3000, http://localhost:3001/', '--url')).toEqual(['http://127.0.0.1:3000', 'http://localhost:3001']);
		expect(() => parseServerUrls('http://10.1.1.1:3000', '--url')).toThrow('--url: host "10.1.1.1" is not a loopback address');
		expect(() => parseServerUrls('ws://127.0.0.1:3000', '--url')).toThrow('must be http');
		expect(() => parseServerUrls('nonsense', '--url')).toThrow('is not a URL');
	});

	it('names the flag of a bad number', () => {
		expect(boundedNumber(undefined, '--hz', 1, 0.1, 10)).toBe(1);
		expect(boundedNumber('0.5', '--hz', 1, 0.1, 10)).toBe(0.5);
		expect(() => boundedNumber('20', '--hz', 1, 0.1, 10)).toThrow('--hz must be a number from 0.1 to 10, got "20"');
		expect(() => boundedNumber('1.5', '--officers', 1, 1, 20000, true)).toThrow('a whole number');
		expect(() => boundedNumber('', '--seconds', 1, 1, 3600)).toThrow('got ""');
	});

	it('reads the open file limit from /proc/self/limits', () => {
		const limits = 'Limit                     Soft Limit           Hard Limit           Units\nMax processes             unlimited            unlimited            processes\nMax open files            20000                20000                files\n';
		expect(openFileLimit(() => limits)).toBe(20000);
		expect(openFileLimit(() => limits.replace('20000                20000', 'unlimited            unlimited'))).toBe(Infinity);
		expect(openFileLimit(() => 'nothing here')).toBeNull();
		expect(
			openFileLimit(() => {
				throw new Error('ENOENT');
			})
		).toBeNull();
	});
});
