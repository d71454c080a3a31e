import { describe, expect, it } from 'vitest';
import { originAllowed, ownOrigin } from './origin.ts';

const req = (headers: Record<string, string>, encrypted = false) => ({ headers, socket: { encrypted } }) as unknown as Parameters<typeof originAllowed>[0];

describe('socket Origin', () => {
	it('compares scheme, host and port with the server’s own origin', () => {
		expect(originAllowed(req({ host: 'patrol.example', origin: 'http://patrol.example' }), undefined, [])).toBe(true);
		expect(originAllowed(req({ host: 'patrol.example', origin: 'https://patrol.example' }), undefined, [])).toBe(false);
		expect(originAllowed(req({ host: 'patrol.example', origin: 'http://patrol.example:8080' }), undefined, [])).toBe(false);
		expect(originAllowed(req({ host: 'patrol.example:443', origin: 'https://patrol.example' }, true), undefined, [])).toBe(true);
		expect(originAllowed(req({ host: 'patrol.example', origin: 'http://patrol.example' }, true), undefined, [])).toBe(false);
	});
	it('believes a proxy that says the connection was https', () => {
		expect(originAllowed(req({ host: 'patrol.example', origin: 'https://patrol.example', 'x-forwarded-proto': 'https' }), undefined, [])).toBe(true);
		expect(originAllowed(req({ host: 'patrol.example', origin: 'http://patrol.example', 'x-forwarded-proto': 'https, http' }), undefined, [])).toBe(false);
	});
	it('uses ORIGIN when set, and ALLOWED_ORIGINS exactly', () => {
		const origin = 'https://patrol.example.police.uk';
		expect(originAllowed(req({ host: 'internal:3000', origin }), origin, [])).toBe(true);
		expect(originAllowed(req({ host: 'internal:3000', origin: 'http://internal:3000' }), origin, [])).toBe(false);
		expect(originAllowed(req({ host: 'x', origin: 'https://wall.example' }), origin, ['https://wall.example/'])).toBe(true);
		expect(originAllowed(req({ host: 'x', origin: 'http://wall.example' }), origin, ['https://wall.example'])).toBe(false);
	});
	it('refuses origins that are not http(s) and lets non-browsers through to the token check', () => {
		for (const o of ['null', 'file://', 'chrome-extension://abc', 'javascript:alert(1)', '']) expect(originAllowed(req({ host: 'patrol.example', origin: o }), undefined, [])).toBe(false);
		expect(originAllowed(req({ host: 'patrol.example' }), undefined, [])).toBe(true);
		expect(ownOrigin(req({}), undefined)).toBeNull();
	});
});
