// What a load balancer asks. /healthz: the process answers (nothing else is checked, so a slow
// database never gets a node restarted). /readyz: this node can serve — not draining, the
// database answers, every migration this code knows has run, and Redis answers when configured.
import { migrationsFor } from '#migrations/index.ts';
import type { App } from '../app.ts';
import { appliedMigrations, databaseAnswers } from '../db/queries/health.ts';

export type ReadyDeps = Pick<App, 'db' | 'dialect' | 'cluster' | 'lifecycle'>;

/** how long the database may take to answer before the node counts as not ready */
const CHECK_MS = 2000;

/** null when ready, else the first check that failed — for the log, never for the answer */
export async function notReady(app: ReadyDeps): Promise<string | null> {
	if (app.lifecycle.draining) return 'draining';
	if (app.cluster?.state.degraded) return 'redis unreachable';
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`database slower than ${CHECK_MS} ms`), CHECK_MS)));
	const check = (async () => {
		try {
			await databaseAnswers(app.db);
			const applied = await appliedMigrations(app.db);
			const missing = Object.keys(migrationsFor(app.dialect)).filter((m) => !applied.has(m));
			return missing.length ? `migrations not run: ${missing.length}` : null;
		} catch (e) {
			return `database: ${(e as Error).message.slice(0, 200)}`;
		}
	})();
	try {
		return await Promise.race([check, late]);
	} finally {
		clearTimeout(timer);
	}
}
