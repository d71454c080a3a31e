import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

const req = (peer: string, xff?: string) => ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } });

describe('clientAddress', () => {
	it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
		expect(clientAddress(req('203.0.113.9', '198.51.100.1'), [])).toBe('203.0.113.9');
		expect(clientAddress(req('203.0.113.9', '198.51.100.1'), ['127.0.0.1'])).toBe('203.0.113.9');
	});
	it('takes the nearest untrusted hop behind trusted proxies', () => {
		expect(clientAddress(req('::ffff:127.0.0.1', '198.51.100.1'), ['127.0.0.1'])).toBe('198.51.100.1');
		// a client that forges the header only adds hops on the left
		expect(clientAddress(req('127.0.0.1', '10.9.9.9, 198.51.100.1'), ['127.0.0.1'])).toBe('198.51.100.1');
		expect(clientAddress(req('127.0.0.1', '198.51.100.1, 10.0.0.2'), ['127.0.0.1', '10.0.0.2'])).toBe('198.51.100.1');
	});
	it('falls back to the peer when a trusted proxy sends no header', () => {
		expect(clientAddress(req('127.0.0.1'), ['127.0.0.1'])).toBe('127.0.0.1');
	});
});
