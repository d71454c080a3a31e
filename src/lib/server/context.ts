// One application context per process, shared by the SvelteKit bundle and the entry's own
// modules (they are separate module instances) through a globalThis symbol.
import { Bus } from './bus.ts';
import type { Config } from './config.ts';
import { sql } from 'kysely';
import { migrate, openDatabase, type DbHandle } from './db/connect.ts';
import type { Db } from './db/schema.ts';
import { FixIngest } from './services/ingest.ts';
import { LiveFleet } from './services/live-fleet.ts';
import { Jobs } from './jobs.ts';
import { discardUnfinishedImports } from './services/imports.ts';
import { PresenceService } from './services/presence.ts';
import { invalidatePublishedHotspots } from './services/hotspots.ts';
import { startRetention } from './services/retention.ts';
import { sealAuditChain, withAuditKey } from './services/audit.ts';
import { Cluster } from './cluster/cluster.ts';

export interface AppContext {
	config: Config;
	db: Db;
	dialect: DbHandle['dialect'];
	bus: Bus;
	now: () => number;
	ingest: FixIngest;
	fleet: LiveFleet;
	presence: PresenceService;
	jobs: Jobs;
	/** with REDIS_URL: the link to the other nodes */
	cluster: Cluster | null;
	close(): Promise<void>;
}

const KEY = Symbol.for('hotspot-patrol.context');

type Global = typeof globalThis & { [KEY]?: AppContext };

export function getContext(): AppContext {
	const ctx = (globalThis as Global)[KEY];
	if (!ctx) throw new Error('the app context is not initialised (start through src/server.ts or vite dev)');
	return ctx;
}

export function peekContext(): AppContext | undefined {
	return (globalThis as Global)[KEY];
}

export function setContext(ctx: AppContext | undefined): void {
	(globalThis as Global)[KEY] = ctx;
}

/**
 * PostgreSQL with a separate owner: the app's role may read and write every table except the
 * audit log, which it may only read and append to (Data Protection Act 2018 s.62 logs must not be
 * altered by the system that writes them).
 */
async function grantAppRole(owner: DbHandle, config: Config): Promise<void> {
	if (owner.dialect !== 'postgres' || config.database.kind !== 'postgres') return;
	const app = decodeURIComponent(new URL(config.database.url).username);
	const ownerRole = config.migrationDatabase?.kind === 'postgres' ? decodeURIComponent(new URL(config.migrationDatabase.url).username) : '';
	if (!app || app === ownerRole) {
		console.warn('database: the app connects as the owner; the audit log is protected by triggers only');
		return;
	}
	const role = sql.id(app);
	const schema = sql.id(config.database.schema ?? 'public');
	await sql`grant usage on schema ${schema} to ${role}`.execute(owner.db);
	await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`.execute(owner.db);
	await sql`grant usage, select on all sequences in schema ${schema} to ${role}`.execute(owner.db);
	await sql`revoke update, delete, truncate on audit_log from ${role}`.execute(owner.db);
}

export async function createContext(config: Config, opts: { now?: () => number; migrate?: boolean } = {}): Promise<AppContext> {
	if (opts.migrate !== false && config.migrationDatabase) {
		// PostgreSQL: migrations run as the owner; the app's own role may lack DDL rights
		const owner = await openDatabase(config.migrationDatabase);
		try {
			await migrate(owner);
			await grantAppRole(owner, config);
		} finally {
			await owner.close();
		}
	}
	const opened = await openDatabase(config.database);
	if (opts.migrate !== false && !config.migrationDatabase) await migrate(opened);
	// every audit row this process writes is signed with AUDIT_KEY, whichever service writes it
	const handle = { ...opened, db: withAuditKey(opened.db, config.auditKey) };
	if (config.auditKey) await sealAuditChain(handle.db, (opts.now ?? Date.now)());
	else console.warn('audit: AUDIT_KEY is not set: the audit chain is plain SHA-256 and finds accidental edits only, not a log re-chained by someone with database access');
	const now = opts.now ?? Date.now;
	const bus = new Bus();
	const fleet = new LiveFleet({ db: handle.db, bus, now });
	const presence = new PresenceService({ db: handle.db, bus, now, fleet });
	// a set published on another node: forget the cached one before presence reloads it
	bus.subscribe('hotspots:published', (_, { remote }) => remote && invalidatePublishedHotspots(handle.db));
	const cluster = config.redisUrl
		? new Cluster({ url: config.redisUrl, prefix: config.redisPrefix, nodeId: config.nodeId, streamMaxLen: config.redisStreamMaxLen }, { bus, fleet, presence })
		: null;
	const ingest = new FixIngest({
		db: handle.db,
		now,
		onStored: (fixes) => {
			fleet.onStored(fixes);
			if (cluster) cluster.fixesStored(fixes);
			else presence.onStored(fixes);
		}
	});
	await fleet.load();
	await presence.start();
	await cluster?.start();
	await discardUnfinishedImports(handle.db);
	// deletes what the policy says is due, a minute after start and every six hours
	const stopRetention = startRetention({ db: handle.db, now }, config.retention);
	const ctx: AppContext = {
		config,
		db: handle.db,
		dialect: handle.dialect,
		bus,
		now,
		ingest,
		fleet,
		presence,
		jobs: new Jobs(),
		cluster,
		async close() {
			await stopRetention();
			await ingest.close();
			await cluster?.stop();
			await presence.stop();
			fleet.close();
			await handle.close();
		}
	};
	return ctx;
}
