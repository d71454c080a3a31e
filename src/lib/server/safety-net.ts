// The process-level safety net of the production server (installed by exitOnSignal in production.ts).
import { errorSummary } from './http/errors.ts';
import type { Log } from './log.ts';

/**
 * The last line behind the per-event and per-request wrappers. A promise nobody awaited that
 * rejects has already ended its own work: log it and keep serving (Node's default would exit and
 * drop every officer's connection). An exception thrown out of a callback may have left a stream,
 * socket or engine half-updated, and Node documents that resuming after one is unsafe: log it,
 * drain so every acknowledged fix is committed, and exit non-zero for the supervisor to restart a
 * clean process. No input reaches that path: socket events and HTTP requests are caught earlier.
 */
export function installSafetyNet(log: Log, fatal: () => void): void {
	process.on('unhandledRejection', (reason) => {
		log.error({ error: errorSummary(reason) }, 'process: unhandled rejection, still serving');
	});
	process.on('uncaughtException', (e, origin) => {
		log.fatal({ origin, error: errorSummary(e) }, 'process: draining and exiting for a clean restart');
		fatal();
	});
}
