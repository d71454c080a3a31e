// Production entry: `npm run build`, then `npm start` (node src/server.ts). Config from the
// environment (README: Configuration); the HTTP server and Socket.IO share one port.
import { ConfigError, readConfig } from './lib/server/config.ts';
import { exitOnSignal, startProduction } from './lib/server/production.ts';

try {
	exitOnSignal(await startProduction(readConfig(process.env)));
} catch (e) {
	console.error(e instanceof ConfigError ? `configuration error: ${e.message}` : (e as Error).message);
	process.exit(1);
}
