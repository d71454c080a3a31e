// Starts adapter-node's built server with Socket.IO attached. Used by src/server.ts and the demo.
import { existsSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Config } from './config.ts';
import { clientAddress } from './http/client-address.ts';
import { errorSummary } from './http/errors.ts';
import type { Log } from './log.ts';
import { installSafetyNet } from './safety-net.ts';
import { startApp, type RunningApp } from './start.ts';

const ORIGIN_PROTO = 'x-hotspot-patrol-proto';
const ORIGIN_HOST = 'x-hotspot-patrol-host';
const CLIENT_ADDRESS = 'x-hotspot-patrol-client';

export const BUILD_ENTRY = new URL('../../../build/index.js', import.meta.url);

/**
 * `log`: the process's logger (the production entry's); `tls`: serve HTTPS with this key and
 * certificate (the demo's `--https`), adapter-node's handler then running on our own server.
 */
export async function startProduction(config: Config, opts: { log?: Log; tls?: { key: string; cert: string } } = {}): Promise<RunningApp & { server: Server }> {
	const log = opts.log;
	if (!existsSync(BUILD_ENTRY)) throw new Error('build/index.js is missing: run `npm run build` first');
	// adapter-node reads PORT and HOST itself when its module loads
	process.env.PORT = String(config.port);
	process.env.HOST = config.host;
	// one limit for every route: the largest, crime file uploads (streamed to disk, never held in
	// memory); the handle hook narrows it per route (src/lib/server/http/body.ts)
	process.env.BODY_SIZE_LIMIT = String(Math.max(config.importMaxBytes, config.requestMaxBytes, config.deviceMaxBytes));
	// adapter-node 6 assumes https unless a protocol header says otherwise, which breaks the
	// CSRF check of a plain-http demo. We tell it the real origin through headers of our own,
	// set from ORIGIN when configured (behind a proxy), else from the connection itself.
	process.env.PROTOCOL_HEADER = ORIGIN_PROTO;
	process.env.HOST_HEADER = ORIGIN_HOST;
	// getClientAddress() (login limits): the peer, or the client a trusted proxy names (TRUST_PROXY)
	process.env.ADDRESS_HEADER = CLIENT_ADDRESS;
	delete process.env.XFF_DEPTH;
	const fixed = config.origin ? new URL(config.origin) : null;
	let server!: Server;
	const running = await startApp(async (app) => {
		if (opts.tls) {
			const { handler } = (await import(new URL('handler.js', BUILD_ENTRY).href)) as { handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void };
			server = createHttpsServer(opts.tls, (req, res) => handler(req, res, () => res.writeHead(404).end()));
			server.listen(config.port, config.host);
		} else {
			({ server } = (await import(BUILD_ENTRY.href)) as { server: Server });
		}
		guardRequests(server, app.log, (req) => {
			req.headers[CLIENT_ADDRESS] = clientAddress(req, config.trustProxy);
			const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
			const proto = fixed ? fixed.protocol.slice(0, -1) : encrypted ? 'https' : 'http';
			const host = fixed ? fixed.host : (req.headers.host ?? 'localhost');
			req.headers[ORIGIN_PROTO] = proto;
			req.headers[ORIGIN_HOST] = host;
			// phone tracker apps post forms without an Origin header, which SvelteKit's CSRF check
			// reads as cross-site; browsers always send Origin on cross-site posts, so a device
			// endpoint request without one cannot be a forged browser request
			if (!req.headers.origin && req.url?.startsWith('/api/devices/')) req.headers.origin = `${proto}://${host}`;
		});
		if (!server.listening) await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
		return server;
	}, config, { log });
	return { ...running, server };
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * adapter-node's request listeners behind one that prepares the request and catches whatever they
 * throw, synchronously or as a rejected promise: that request is answered 500 (if nothing was sent
 * yet) and logged; the process carries on. Socket.IO attaches after this and calls it for every
 * request that is not its own.
 */
export function guardRequests(server: Server, log: Log, prepare: (req: IncomingMessage) => void): void {
	const listeners = server.listeners('request') as RequestListener[];
	server.removeAllListeners('request');
	const failed = (req: IncomingMessage, res: ServerResponse, e: unknown) => {
		log.error({ method: req.method, path: (req.url ?? '').split('?')[0].slice(0, 200), error: errorSummary(e) }, 'http: request failed outside the app');
		if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Internal error: it has been logged.');
		else res.destroy();
	};
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		res.once('finish', () => hangUpIfStillSending(req, res));
		try {
			prepare(req);
			for (const listener of listeners) {
				const r = listener.call(server, req, res);
				if (r instanceof Promise) r.catch((e: unknown) => failed(req, res, e));
			}
		} catch (e) {
			failed(req, res, e);
		}
	});
}

/** how long HTTP requests still running at SIGTERM get before the database closes under them */
const HTTP_DRAIN_MS = 3000;

/** how long a client refused with 413 may go on sending (read and dropped) before we hang up */
const LINGER_MS = 2000;

/**
 * After a 413 the rest of the body is read and dropped (adapter-node drains it), so the client
 * sees the answer instead of a reset; one that keeps sending is cut off after LINGER_MS, so a
 * refused gigabyte costs two seconds of reading, not the whole upload.
 */
function hangUpIfStillSending(req: IncomingMessage, res: ServerResponse): void {
	if (res.statusCode !== 413 || req.complete) return;
	const timer = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
	req.once('end', () => clearTimeout(timer));
	req.socket.once('close', () => clearTimeout(timer));
}

/**
 * SIGINT/SIGTERM: stop taking connections (adapter-node closes the listener; /readyz says 503 to
 * connections still open), commit and ack every report already taken, refuse later ones with
 * "retry", hang up every socket once its last ack is out (phones reconnect, through the load
 * balancer, to another node), flush visits, close the database, exit 0 — within 10 s, or exit 1.
 * Also installs the process safety net (below), whose last resort is the same orderly stop.
 */
export function exitOnSignal(app: RunningApp & { server: Server }, before?: () => Promise<void>): void {
	let stopping = false;
	const log = app.app.log;
	// 'close' comes once the last connection has ended (adapter-node stops listening on the signal
	// before this handler runs): requests in flight, a tracker app's post, get their answer
	const httpDone = new Promise<void>((resolve) => app.server.once('close', () => resolve()));
	const stop = async (why: string, code: number) => {
		if (stopping) return;
		stopping = true;
		const started = Date.now();
		app.app.lifecycle.draining = true;
		log.info({ why }, 'shutdown: draining');
		setTimeout(() => {
			log.error({ why }, 'shutdown: not done in 10 s; exiting anyway');
			process.exit(1);
		}, 10_000).unref();
		try {
			app.server.close();
			app.server.closeIdleConnections();
			await before?.();
			await app.close({ drained: () => Promise.race([httpDone, new Promise<void>((r) => setTimeout(r, HTTP_DRAIN_MS).unref())]) });
			app.server.closeAllConnections();
			log.info({ why, ms: Date.now() - started }, 'shutdown: done');
		} catch (e) {
			log.error({ why, error: errorSummary(e) }, 'shutdown failed');
			code = 1;
		}
		log.flush();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop('SIGINT', 0));
	process.on('SIGTERM', () => void stop('SIGTERM', 0));
	installSafetyNet(log, () => void stop('an uncaught exception', 1));
}
