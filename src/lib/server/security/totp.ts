// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits), the second factor
// any authenticator app reads from an otpauth:// URI. Secrets are base32 (RFC 4648).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of buf) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

export function base32Decode(text: string): Buffer {
	const clean = text.replace(/[\s=-]/g, '').toUpperCase();
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (const ch of clean) {
		const v = ALPHABET.indexOf(ch);
		if (v < 0) throw new Error(`not base32: "${ch}"`);
		value = (value << 5) | v;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

export function newTotpSecret(): string {
	return base32Encode(randomBytes(20));
}

/** The code for one 30 s step (HOTP of the step counter, RFC 4226 dynamic truncation). */
export function totpAt(secret: Buffer, at: number, digits = 6, stepS = 30): string {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / stepS)));
	const mac = createHmac('sha1', secret).update(counter).digest();
	const offset = mac[mac.length - 1] & 15;
	const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
	return String(code).padStart(digits, '0');
}

/**
 * The 30 s step the code belongs to — this step or one either side (clock drift of up to 30 s) —
 * or null. The caller spends the step once (RFC 6238 §5.2: a verifier must not accept a code again).
 */
export function totpStep(secretBase32: string, code: string, at: number, stepS = 30): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const secret = base32Decode(secretBase32);
	for (const drift of [0, -1, 1]) {
		const when = at + drift * stepS * 1000;
		if (timingSafeEqual(Buffer.from(totpAt(secret, when, 6, stepS)), Buffer.from(code))) return Math.floor(when / 1000 / stepS);
	}
	return null;
}

/** True when the code matches this step or one either side; says nothing about reuse. */
export function verifyTotp(secretBase32: string, code: string, at: number): boolean {
	return totpStep(secretBase32, code, at) !== null;
}

export function otpauthUri(secretBase32: string, account: string, issuer = 'Hotspot Patrol'): string {
	return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
