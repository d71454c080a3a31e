// Wiring shared by the production entry, the dev plugin, the demo and the tests: the App from the
// composition root, the realtime server on an HTTP server, and an orderly close.
import type { Server as HttpServer } from 'node:http';
import { provideApp } from './app-bridge.ts';
import { createApp, type App } from './app.ts';
import { readConfig, type Config, type Env } from './config.ts';
import { createRealtimeServer } from './realtime/server.ts';

export interface RunningApp {
	app: App;
	realtime: ReturnType<typeof createRealtimeServer>;
	close(): Promise<void>;
}

/** The App is created (and migrations run) before the HTTP server is asked for, so no request meets an uninitialised app. */
export async function startApp(
	server: HttpServer | (() => Promise<HttpServer>),
	env: Env | Config,
	opts: { destroyUpgrade?: boolean; now?: () => number } = {}
): Promise<RunningApp> {
	const config = 'database' in env ? (env as Config) : readConfig(env as Env);
	const app = await createApp(config, { now: opts.now });
	// before SvelteKit's hooks load (production imports the build only once the App exists)
	provideApp(app);
	const httpServer = typeof server === 'function' ? await server() : server;
	const realtime = createRealtimeServer(httpServer, app, {
		allowedOrigins: config.allowedOrigins,
		destroyUpgrade: opts.destroyUpgrade
	});
	let closed = false;
	return {
		app,
		realtime,
		async close() {
			if (closed) return;
			closed = true;
			await realtime.close();
			await app.close();
			provideApp(undefined);
		}
	};
}
