// The audit chain's key travels with the database handle (and every transaction made from it) as
// an inert plugin, so each writer — server, CLI, retention — signs without being handed the key.
// Found by a global symbol, not instanceof: the SvelteKit bundle has its own copy of this module.
import type { KyselyPlugin } from 'kysely';
import type { Db } from './schema.ts';

const KEY = Symbol.for('hotspot-patrol.audit-key');
type KeyCarrier = KyselyPlugin & { [KEY]: Buffer };

export function withAuditKey(db: Db, key: Buffer | null): Db {
	if (!key) return db;
	const plugin: KeyCarrier = { [KEY]: key, transformQuery: (a) => a.node, transformResult: async (a) => a.result };
	return db.withPlugin(plugin);
}

export function auditKeyOf(db: Db): Buffer | null {
	const p = db.getExecutor().plugins.find((x) => KEY in x) as KeyCarrier | undefined;
	return p ? p[KEY] : null;
}
