// Production entry: `npm run build`, then `npm start` (node src/server.ts). Config from the
// environment (README: Configuration); the HTTP server and Socket.IO share one port.
import { ConfigError, readConfig } from './lib/server/config.ts';
import { startProduction } from './lib/server/production.ts';

try {
	const app = await startProduction(readConfig(process.env));
	process.on('sveltekit:shutdown' as never, () => void app.close());
} catch (e) {
	console.error(e instanceof ConfigError ? `configuration error: ${e.message}` : (e as Error).message);
	process.exit(1);
}
