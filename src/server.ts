// Production entry: `npm run build`, then `npm start` (node src/server.ts). Config from the
// environment (README: Configuration); the HTTP server and Socket.IO share one port. Everything
// the process prints goes through the log: JSON lines unless stdout is a terminal.
import { ConfigError, readConfig } from './lib/server/config.ts';
import { createLog, defaultNodeId, routeConsole } from './lib/server/log.ts';
import { exitOnSignal, startProduction } from './lib/server/production.ts';

const nodeId = process.env.NODE_ID || defaultNodeId();
let log = createLog({ level: 'info', nodeId });
try {
	const config = readConfig({ ...process.env, NODE_ID: nodeId });
	log = createLog({ level: config.logLevel, nodeId });
	routeConsole(log);
	exitOnSignal(await startProduction(config, { log }));
} catch (e) {
	log.fatal(e instanceof ConfigError ? `configuration error: ${e.message}` : (e as Error).message);
	process.exit(1);
}
