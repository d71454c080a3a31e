// Starts adapter-node's built server with Socket.IO attached. Used by src/server.ts and the demo.
import { existsSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { Config } from './config.ts';
import { startApp, type RunningApp } from './start.ts';

const ORIGIN_PROTO = 'x-hotspot-patrol-proto';
const ORIGIN_HOST = 'x-hotspot-patrol-host';

export const BUILD_ENTRY = new URL('../../../build/index.js', import.meta.url);

export async function startProduction(config: Config): Promise<RunningApp & { server: Server }> {
	if (!existsSync(BUILD_ENTRY)) throw new Error('build/index.js is missing: run `npm run build` first');
	// adapter-node reads PORT and HOST itself when its module loads
	process.env.PORT = String(config.port);
	process.env.HOST = config.host;
	// analysts upload crime files of hundreds of MB (streamed to disk, never held in memory)
	process.env.BODY_SIZE_LIMIT ??= '1G';
	// adapter-node 6 assumes https unless a protocol header says otherwise, which breaks the
	// CSRF check of a plain-http demo. We tell it the real origin through headers of our own,
	// set from ORIGIN when configured (behind a proxy), else from the connection itself.
	process.env.PROTOCOL_HEADER = ORIGIN_PROTO;
	process.env.HOST_HEADER = ORIGIN_HOST;
	const fixed = config.origin ? new URL(config.origin) : null;
	let server!: Server;
	const app = await startApp(async () => {
		({ server } = (await import(BUILD_ENTRY.href)) as { server: Server });
		server.prependListener('request', (req: IncomingMessage) => {
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
	}, config);
	return { ...app, server };
}

/**
 * SIGINT/SIGTERM: stop taking work, close sockets (phones reconnect elsewhere), drain the ingest
 * so every acked fix is committed, close the database, exit. adapter-node's own handler closes
 * the HTTP server, but open WebSockets would keep it waiting forever.
 */
export function exitOnSignal(app: RunningApp & { server: Server }, before?: () => Promise<void>): void {
	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		setTimeout(() => process.exit(1), 10_000).unref();
		try {
			await before?.();
			await app.close();
			app.server.closeAllConnections();
		} catch (e) {
			console.error(`shutdown after ${signal}:`, e);
		}
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));
}
