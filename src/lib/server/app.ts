// The composition root: config → database → bus → services → fix router, one App per process,
// built here for the production entry, the Vite dev plugin, the CLI's server commands and the
// tests alike. The realtime server is attached by whoever owns the HTTP server (start.ts). Nothing
// here is global: SvelteKit's routes receive the App through event.locals (hooks.server.ts,
// app-bridge.ts). docs/architecture.md draws it, and follows one fix from a phone to the map.
import { Bus } from './bus.ts';
import type { Config } from './config.ts';
import type { DbHandle } from './db/connect.ts';
import { openAppDatabase } from './db/open.ts';
import type { Db } from './db/schema.ts';
import { FixIngest } from './services/ingest.ts';
import { LiveFleet } from './services/live-fleet.ts';
import { Jobs } from './jobs.ts';
import { discardUnfinishedImports } from './services/imports.ts';
import { PresenceService } from './services/presence.ts';
import { invalidatePublishedHotspots } from './services/hotspots.ts';
import { startRetention } from './services/retention.ts';
import { sealAuditChain } from './services/audit.ts';
import { Cluster } from './cluster/cluster.ts';
import { LocalRouter, nodePresence, type FixRouter, type NodePresence } from './cluster/router.ts';
import { createLog, defaultNodeId, type Log } from './log.ts';
import { Metrics } from './metrics.ts';
import { meterIngest } from './services/metered-ingest.ts';

export interface App {
	config: Config;
	db: Db;
	dialect: DbHandle['dialect'];
	bus: Bus;
	now: () => number;
	ingest: FixIngest;
	fleet: LiveFleet;
	/** this node's presence: its role, the statuses it serves, its engines' counters */
	presence: NodePresence;
	jobs: Jobs;
	/** with REDIS_URL: the link to the other nodes */
	cluster: Cluster | null;
	/** NODE_ID, or one made up at start: in every log line and in Redis */
	nodeId: string;
	log: Log;
	metrics: Metrics;
	/** set on SIGTERM: /readyz answers 503 while the node drains */
	lifecycle: { draining: boolean };
	close(): Promise<void>;
}

export interface AppOptions {
	/** the clock every service reads (tests move it) */
	now?: () => number;
	/** run pending migrations first (default true) */
	migrate?: boolean;
	/** the process's log (the production entry makes it first, to log a failed start) */
	log?: Log;
}

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
	const now = opts.now ?? Date.now;
	const nodeId = config.nodeId ?? defaultNodeId();
	const log = opts.log ?? createLog({ level: config.logLevel, nodeId });
	const metrics = new Metrics({ defaults: config.metricsToken !== undefined });
	const handle = await openAppDatabase(config, { migrate: opts.migrate, grant: true, log, onTransaction: (s, outcome) => metrics.transaction(s, outcome) });
	const db = handle.db;
	if (config.auditKey) await sealAuditChain(db, now());
	else log.warn('audit: AUDIT_KEY is not set: the audit chain is plain SHA-256 and finds accidental edits only, not a log re-chained by someone with database access');
	const bus = new Bus(log);
	const fleet = new LiveFleet({ db, bus, now });
	// presence reads the fleet (on duty since when, where last) but does not know it is one
	const presence = new PresenceService({ db, bus, now, officers: fleet, onApplied: (fixes) => metrics.presenceApplied(fixes, now()) });
	// a set published on another node: forget the cached one before presence reloads it
	bus.subscribe('hotspots:published', (_, { remote }) => remote && invalidatePublishedHotspots(db));
	// ingest commits, acks and publishes `fixes:stored`; the router takes it to the fleet and presence
	const ingest = meterIngest(new FixIngest({ db, now, bus }), metrics);
	const cluster = config.redisUrl
		? new Cluster({ url: config.redisUrl, prefix: config.redisPrefix, nodeId, streamMaxLen: config.redisStreamMaxLen }, { bus, fleet, presence })
		: null;
	if (cluster) metrics.watchOutbox(() => cluster.state.outbox);
	// first in line for each batch: the metrics' fan-out clock starts at the commit
	bus.subscribe('fixes:stored', (fixes) => metrics.stored(fixes));
	const router: FixRouter = cluster ?? new LocalRouter({ bus, fleet, presence });
	await fleet.load();
	await presence.start();
	await router.start();
	await discardUnfinishedImports(db);
	// deletes what the policy says is due, a minute after start and every six hours
	const stopRetention = startRetention({ db, now }, config.retention);
	return {
		config,
		db,
		dialect: handle.dialect,
		bus,
		now,
		ingest,
		fleet,
		presence: nodePresence(presence, router),
		jobs: new Jobs(),
		cluster,
		nodeId,
		log,
		metrics,
		lifecycle: { draining: false },
		async close() {
			await stopRetention();
			await ingest.close();
			await router.stop();
			await presence.stop();
			fleet.close();
			await handle.close();
		}
	};
}
