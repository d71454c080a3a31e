// Wiring shared by the production entry, the dev plugin, the demo and the tests: the App from the
// composition root, the realtime server on an HTTP server, and an orderly close.
import type { Server as HttpServer } from 'node:http';
import { provideApp } from './app-bridge.ts';
import { createApp, type App } from './app.ts';
import { readConfig, type Config, type Env } from './config.ts';
import type { Log } from './log.ts';
import { createRealtimeServer, type RealtimeServer } from './realtime/server.ts';

export interface RunningApp {
	app: App;
	realtime: ReturnType<typeof createRealtimeServer>;
	/** `drained`: awaited once sockets are gone and before the database closes (HTTP requests still running) */
	close(opts?: { drained?: () => Promise<void> }): Promise<void>;
}

/** how long sockets get to take their last acks before they are cut */
const SOCKET_FLUSH_MS = 2000;

/** The App is created (and migrations run) before the HTTP server is asked for, so no request meets an uninitialised app. */
export async function startApp(
	server: HttpServer | ((app: App) => Promise<HttpServer>),
	env: Env | Config,
	opts: { destroyUpgrade?: boolean; now?: () => number; log?: Log } = {}
): Promise<RunningApp> {
	const config = 'database' in env ? (env as Config) : readConfig(env as Env);
	const app = await createApp(config, { now: opts.now, log: opts.log });
	// before SvelteKit's hooks load (production imports the build only once the App exists)
	provideApp(app);
	const httpServer = typeof server === 'function' ? await server(app) : server;
	const realtime = createRealtimeServer(httpServer, app, {
		allowedOrigins: config.allowedOrigins,
		destroyUpgrade: opts.destroyUpgrade
	});
	app.metrics.watchSockets(() => realtime.io.sockets.sockets.values());
	logSockets(realtime.io, app.log);
	let closed = false;
	return {
		app,
		realtime,
		async close(opts = {}) {
			if (closed) return;
			closed = true;
			app.lifecycle.draining = true;
			// reports already taken are committed and acked; later ones are answered "shutting down;
			// retry", so the phone keeps them for the next node
			await app.ingest.close();
			await hangUp(realtime.io);
			await realtime.close();
			await opts.drained?.();
			await app.close();
			provideApp(undefined);
		}
	};
}

/**
 * Closes every socket's connection once what was written to it has gone out — the last acks
 * included. The client sees its transport close, not a server disconnect, so Socket.IO
 * reconnects by itself, through the load balancer, to a node that is still up.
 */
async function hangUp(io: RealtimeServer): Promise<void> {
	const conns = [...io.sockets.sockets.values()].map((s) => s.conn);
	if (conns.length === 0) return;
	const closed = Promise.all(conns.map((c) => (c.readyState === 'closed' ? null : new Promise((r) => c.once('close', r)))));
	for (const c of conns) c.close();
	await Promise.race([closed, new Promise((r) => setTimeout(r, SOCKET_FLUSH_MS).unref())]);
}

/** One line as a socket opens and one as it closes: its id, user and role — nothing the user sent. */
function logSockets(io: RealtimeServer, log: Log): void {
	io.on('connection', (socket) => {
		const { userId, role } = socket.data;
		const opened = Date.now();
		log.info({ socket: socket.id, user: userId, role }, 'socket connected');
		socket.once('disconnect', (reason) => log.info({ socket: socket.id, user: userId, role, reason, seconds: Math.round((Date.now() - opened) / 1000) }, 'socket closed'));
	});
}
