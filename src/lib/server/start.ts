// Wiring shared by the production entry, the dev plugin, the demo and the tests: context +
// realtime server on an HTTP server, and an orderly close.
import type { Server as HttpServer } from 'node:http';
import { readConfig, type Config, type Env } from './config.ts';
import { createContext, setContext, type AppContext } from './context.ts';
import { createRealtimeServer } from './realtime/server.ts';

export interface RunningApp {
	ctx: AppContext;
	realtime: ReturnType<typeof createRealtimeServer>;
	close(): Promise<void>;
}

/** The context is created (and migrations run) before the HTTP server is asked for, so no request meets an uninitialised app. */
export async function startApp(
	server: HttpServer | (() => Promise<HttpServer>),
	env: Env | Config,
	opts: { destroyUpgrade?: boolean; now?: () => number } = {}
): Promise<RunningApp> {
	const config = 'database' in env ? (env as Config) : readConfig(env as Env);
	const ctx = await createContext(config, { now: opts.now });
	setContext(ctx);
	const httpServer = typeof server === 'function' ? await server() : server;
	const realtime = createRealtimeServer(httpServer, ctx, {
		allowedOrigins: config.allowedOrigins,
		destroyUpgrade: opts.destroyUpgrade
	});
	let closed = false;
	return {
		ctx,
		realtime,
		async close() {
			if (closed) return;
			closed = true;
			await realtime.close();
			await ctx.close();
			setContext(undefined);
		}
	};
}
