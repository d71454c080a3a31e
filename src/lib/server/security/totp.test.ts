import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, totpAt, verifyTotp } from './totp.ts';

describe('TOTP (RFC 6238)', () => {
	// RFC 6238 appendix B, SHA1, secret "12345678901234567890", 8 digits
	const secret = Buffer.from('12345678901234567890');
	it.each([
		[59, '94287082'],
		[1111111109, '07081804'],
		[1111111111, '14050471'],
		[1234567890, '89005924'],
		[2000000000, '69279037'],
		[20000000000, '65353130']
	])('at %i s gives %s', (t, code) => {
		expect(totpAt(secret, t * 1000, 8)).toBe(code);
	});

	it('round-trips base32 and accepts one step of drift, not two', () => {
		const b32 = base32Encode(secret);
		expect(b32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
		expect(base32Decode(b32).equals(secret)).toBe(true);
		const s = newTotpSecret();
		const now = 1_800_000_000_000;
		const code = totpAt(base32Decode(s), now);
		expect(verifyTotp(s, code, now)).toBe(true);
		expect(verifyTotp(s, code, now + 30_000)).toBe(true);
		expect(verifyTotp(s, code, now + 61_000)).toBe(false);
		expect(verifyTotp(s, '12345', now)).toBe(false);
		expect(() => base32Decode('not*base32')).toThrow(/not base32/);
	});
});
