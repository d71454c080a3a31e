import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, totpAt, totpStep, verifyTotp } from './totp.ts';

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

	it('names the step a code belongs to, so the caller can spend it once', () => {
		const s = newTotpSecret();
		const now = 1_800_000_000_000; // a step boundary: 1_800_000_000 s / 30
		const step = now / 30_000;
		const code = totpAt(base32Decode(s), now);
		expect(totpStep(s, code, now)).toBe(step);
		// read 30 s later, the same code is still its own step, not the reader's
		expect(totpStep(s, code, now + 30_000)).toBe(step);
		expect(totpStep(s, totpAt(base32Decode(s), now + 30_000), now)).toBe(step + 1);
		expect(totpStep(s, code, now + 61_000)).toBeNull();
	});
});
