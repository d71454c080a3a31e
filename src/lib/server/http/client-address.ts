// The client's address, for the login limits and the log: the connection's own address, unless
// that is a proxy listed in TRUST_PROXY — then the nearest address in X-Forwarded-For that is not
// one of those proxies. A header from anyone else is ignored: a client could write any address
// there and walk past the per-address login limit.
import type { IncomingMessage } from 'node:http';

export function plainAddress(a: string): string {
	return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

export function clientAddress(req: { headers: IncomingMessage['headers']; socket: { remoteAddress?: string } }, trusted: readonly string[]): string {
	const peer = plainAddress(req.socket.remoteAddress ?? '');
	if (!trusted.includes(peer)) return peer;
	const raw = req.headers['x-forwarded-for'];
	const hops = (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
		.split(',')
		.map((s) => plainAddress(s.trim()))
		.filter(Boolean);
	// appended by each proxy in turn: the rightmost address no trusted proxy owns is the client
	for (let i = hops.length - 1; i >= 0; i--) if (!trusted.includes(hops[i])) return hops[i];
	return hops[0] ?? peer;
}
