// Which browser pages may open a socket. Socket.IO's `cors` option does not cover WebSocket
// upgrades, so `allowRequest` asks here. An origin is scheme, host and port together: comparing
// the host alone let a page served over plain http (one a network attacker can write) open a
// socket, with the officer's cookie, to the https server of the same name.
import type { IncomingMessage } from 'node:http';

/** `https://host:port` normalised (default ports dropped), or null for anything that is not an http(s) origin. */
export function normaliseOrigin(raw: string): string | null {
	try {
		const u = new URL(raw);
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
	} catch {
		return null;
	}
}

/**
 * The server's own origin for this request: ORIGIN when configured; otherwise the Host header
 * with the scheme of the connection — https when it is TLS or when the proxy in front says so
 * (X-Forwarded-Proto; a browser page cannot set that header on a socket request).
 */
export function ownOrigin(req: Pick<IncomingMessage, 'headers' | 'socket'>, configured: string | undefined): string | null {
	if (configured) return normaliseOrigin(configured);
	const host = req.headers.host;
	if (!host) return null;
	const forwarded = req.headers['x-forwarded-proto'];
	const proxied = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim().toLowerCase();
	const tls = (req.socket as { encrypted?: boolean }).encrypted === true;
	const scheme = proxied === 'https' || proxied === 'http' ? proxied : tls ? 'https' : 'http';
	return normaliseOrigin(`${scheme}://${host}`);
}

/** True for requests without an Origin (not a browser: the auth middleware then requires a token). */
export function originAllowed(req: Pick<IncomingMessage, 'headers' | 'socket'>, configured: string | undefined, allowed: readonly string[]): boolean {
	const raw = req.headers.origin;
	if (raw === undefined) return true;
	const origin = normaliseOrigin(raw);
	if (origin === null) return false;
	if (allowed.some((a) => normaliseOrigin(a) === origin)) return true;
	return origin === ownOrigin(req, configured);
}
