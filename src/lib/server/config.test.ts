import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('AUDIT_KEY', () => {
	it('takes 32 or more bytes as hex or base64, and nothing when unset', () => {
		const hex = 'ab'.repeat(32);
		expect(readConfig({ AUDIT_KEY: hex }).auditKey?.equals(Buffer.from(hex, 'hex'))).toBe(true);
		const b64 = Buffer.alloc(48, 7).toString('base64');
		expect(readConfig({ AUDIT_KEY: b64 }).auditKey?.length).toBe(48);
		expect(readConfig({}).auditKey).toBeNull();
	});

	it('refuses a short or malformed key without printing it', () => {
		const short = Buffer.alloc(16, 1).toString('base64');
		expect(() => readConfig({ AUDIT_KEY: short })).toThrow('AUDIT_KEY="(hidden)": expected at least 32 bytes, got 16');
		expect(() => readConfig({ AUDIT_KEY: 'not a key!' })).toThrow(/AUDIT_KEY="\(hidden\)": expected hex or base64/);
		try {
			readConfig({ AUDIT_KEY: short });
		} catch (e) {
			expect((e as Error).message).not.toContain(short);
		}
	});
});
