// Dev: attach Socket.IO to Vite's own HTTP server (one port, as in production). The app modules
// are loaded by Node itself (type stripping), exactly as src/server.ts loads them in production;
// startApp builds the App through the composition root and provides it to SvelteKit's SSR
// modules through app-bridge.ts.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

export function realtimeDevServer(): Plugin {
	return {
		name: 'hotspot-patrol-realtime',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const entry = pathToFileURL(resolve(server.config.root, 'src/lib/server/start.ts')).href;
			const { startApp } = (await import(/* @vite-ignore */ entry)) as typeof import('../start.ts');
			const app = await startApp(server.httpServer as import('node:http').Server, process.env, {
				// keep Vite's HMR WebSocket alive: Socket.IO must not destroy upgrades it does not own
				destroyUpgrade: false
			});
			server.httpServer.once('close', () => void app.close());
		}
	};
}
