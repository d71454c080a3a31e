// Several nodes, one force (REDIS_URL set): the fix router (router.ts) of a node that is one of
// several, and its link to the others through Redis. The database stays the record; Redis only
// carries what is in flight.
//
// - Positions: the node that stores a batch of fixes appends it to the `fixes` stream after the
//   commit (the phone has its ack already). One node at a time holds the presence lease
//   (lease.ts) and reads the stream through the `presence` consumer group, acknowledging each
//   entry once its presence has applied it; when that node dies its lease lapses, another takes
//   the lease and the entries left pending, and its engines rebuild each officer from the stored
//   fixes. Every node also tails the stream, so its control-room snapshot knows where everyone is.
// - Service events other nodes act on (CLUSTER_EVENTS: duty, publishing, revocation, hot spot
//   statuses, modes) go through the `events` stream and arrive on each bus marked remote.
// - Socket.IO emits go through the Redis Streams adapter (adapter.ts).
// - Redis down: fixes are still committed and acked; what should have gone to the streams waits
//   in a bounded outbox (outbox.ts); every node runs presence for its own fixes ("local"); fan-out
//   reaches this node's sockets only; `state` says degraded, and the control room shows it. When
//   Redis answers again the outbox drains, the lease is contested again and engines rebuild.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { HotspotStatus, StoredFix } from '../../realtime/contract.ts';
import { CLUSTER_EVENTS, type BusEvents } from '../bus.ts';
import { adapterConnection, socketIoAdapter } from './adapter.ts';
import { encodeFixes } from './fix-codec.ts';
import { Lease } from './lease.ts';
import { StreamOutbox } from './outbox.ts';
import { redisClient, type Redis } from './redis-client.ts';
import { ensureGroup, groupLoop, tailLoop } from './stream-loops.ts';
import type { FixRouter, FixTargets, PresenceRole } from './router.ts';

export interface ClusterOptions {
	url: string;
	/** key prefix, so several deployments (or test runs) share one Redis */
	prefix: string;
	nodeId?: string;
	/** entries kept in each stream: enough for the longest reconnection window at full rate */
	streamMaxLen: number;
	/** how long the presence lease lasts without renewal (a dead leader is replaced after this) */
	leaseMs?: number;
}

export interface ClusterState {
	degraded: boolean;
	reason: string | null;
	since: number | null;
	role: PresenceRole;
	outbox: number;
}

export class Cluster implements FixRouter {
	readonly nodeId: string;
	private readonly opts: Required<Omit<ClusterOptions, 'nodeId'>>;
	private readonly targets: FixTargets;
	private readonly keys: { fixes: string; events: string; lease: string; statuses: string };
	/** commands; fails fast while Redis is away, so nothing waits on it */
	private readonly cmd: Redis;
	/** blocking reads: the tail of both streams */
	private readonly tail: Redis;
	/** blocking reads: the consumer group, while this node leads */
	private readonly group: Redis;
	/** for the Socket.IO adapter (see socketAdapter) */
	private readonly adapterClient: Redis;
	private readonly lease: Lease;
	private readonly outbox: StreamOutbox;
	private currentRole: PresenceRole = 'solo';
	/** a follower's copy of the leader's statuses */
	private mirror = new Map<number, HotspotStatus>();
	private stopped = false;
	private degradedSince: number | null = null;
	private reason: string | null = null;
	private timers: ReturnType<typeof setInterval>[] = [];
	private unsubscribe: (() => void)[] = [];
	private loops: Promise<void>[] = [];

	constructor(opts: ClusterOptions, targets: FixTargets) {
		this.nodeId = opts.nodeId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
		this.opts = { url: opts.url, prefix: opts.prefix, streamMaxLen: opts.streamMaxLen, leaseMs: opts.leaseMs ?? 6000 };
		this.targets = targets;
		const p = opts.prefix;
		this.keys = { fixes: `${p}fixes`, events: `${p}events`, lease: `${p}presence:lease`, statuses: `${p}presence:statuses` };
		const make = (name: string) => {
			const c = redisClient(opts.url, name, false);
			c.on('error', (e: Error) => this.note(`Redis (${name}): ${e.message}`));
			return c;
		};
		this.cmd = make('cmd');
		this.tail = make('tail');
		this.group = make('group');
		this.adapterClient = adapterConnection(make('adapter'));
		this.lease = new Lease(this.cmd, this.keys.lease, this.nodeId, this.opts.leaseMs);
		this.outbox = new StreamOutbox(this.cmd, this.opts.streamMaxLen, (reason) => this.degrade(reason));
	}

	/** Connects (waiting at most a few seconds: a node starts degraded rather than not at all). */
	async start(): Promise<void> {
		const connect = (c: Redis) => c.connect().catch(() => {});
		await Promise.race([Promise.all([this.cmd, this.tail, this.group, this.adapterClient].map(connect)), new Promise((r) => setTimeout(r, 3000))]);
		const { bus } = this.targets;
		for (const event of CLUSTER_EVENTS) {
			this.unsubscribe.push(
				bus.subscribe(event, (payload, { remote }) => {
					if (!remote) this.outbox.send(this.keys.events, { n: this.nodeId, e: event, p: JSON.stringify(payload) });
				})
			);
		}
		this.unsubscribe.push(
			bus.subscribe('fixes:stored', (fixes) => this.stored(fixes)),
			bus.subscribe('hotspots:status', (list, { remote }) => {
				if (!remote) void this.saveStatuses(list);
				else if (this.currentRole === 'follower') for (const st of list) this.mirror.set(st.hotspot, st);
			})
		);
		this.cmd.on('ready', () => void this.recovered());
		if (this.cmd.isReady) await ensureGroup(this.cmd, this.keys.fixes);
		else this.degrade('Redis is unreachable');
		this.timers.push(setInterval(() => void this.contest(), Math.max(500, Math.floor(this.opts.leaseMs / 3))));
		this.timers.push(setInterval(() => this.check(), 1000));
		const loop = { nodeId: this.nodeId, stopped: () => this.stopped, failed: (reason: string) => this.degrade(reason) };
		this.loops.push(
			// other nodes' fixes keep this node's fleet current (their sockets had the move already)
			tailLoop({
				...loop,
				redis: this.tail,
				keys: this.keys,
				fixes: (f) => this.targets.fleet.onStored(f, { silent: true }),
				event: (e, json) => this.targets.bus.publish(e as keyof BusEvents, JSON.parse(json), { remote: true })
			}),
			groupLoop({ ...loop, redis: this.group, key: this.keys.fixes, leading: () => this.lease.held, apply: (f) => this.targets.presence.apply(f) })
		);
		await this.contest();
	}

	get role(): PresenceRole {
		return this.currentRole;
	}

	get state(): ClusterState {
		return {
			degraded: this.degradedSince !== null,
			reason: this.degradedSince !== null ? this.reason : null,
			since: this.degradedSince,
			role: this.currentRole,
			outbox: this.outbox.fixes
		};
	}

	statuses(): HotspotStatus[] {
		// a follower shows the leader's statuses; its own engines are idle
		if (this.currentRole === 'follower') return [...this.mirror.values()];
		return this.targets.presence.statuses();
	}

	/** The Socket.IO adapter that carries emits to every node's sockets. */
	socketAdapter() {
		return socketIoAdapter(this.adapterClient, { prefix: this.opts.prefix, maxLen: this.opts.streamMaxLen });
	}

	/** After commit: this node's fleet moves, every node hears of the fixes, the presence leader applies them. */
	private stored(fixes: StoredFix[]): void {
		this.targets.fleet.onStored(fixes);
		if (this.currentRole === 'local') void this.targets.presence.apply(fixes);
		this.outbox.send(this.keys.fixes, { n: this.nodeId, f: encodeFixes(fixes), c: String(fixes.length) });
	}

	/**
	 * Takes up a role. Presence drops its engines on every change: they rebuild from the stored
	 * fixes (the record) as each officer's next fix arrives, so nothing another node saw is missed.
	 */
	private become(role: PresenceRole, leaderStatuses: HotspotStatus[] = []): Promise<void> {
		if (role === 'follower') this.mirror = new Map(leaderStatuses.map((s) => [s.hotspot, s]));
		if (role === this.currentRole) return Promise.resolve();
		this.currentRole = role;
		return this.targets.presence.restart(role !== 'follower');
	}

	private note(reason: string): void {
		if (this.degradedSince !== null) this.reason = reason;
	}

	private degrade(reason: string): void {
		if (this.stopped) return;
		if (this.degradedSince === null) {
			this.degradedSince = Date.now();
			console.error(`cluster: degraded — ${reason}; fixes are still stored and acked, fan-out is local to this node`);
		}
		this.reason = reason;
		this.lease.drop();
		if (this.currentRole !== 'local') void this.become('local');
	}

	/** Once a second: notice an outage the clients have not reported yet. */
	private check(): void {
		if (!this.cmd.isReady || !this.tail.isReady) this.degrade('Redis is unreachable');
		else if (this.degradedSince !== null) void this.recovered();
	}

	private recovering = false;

	private async recovered(): Promise<void> {
		if (this.recovering || this.stopped || !this.cmd.isReady) return;
		this.recovering = true;
		try {
			await ensureGroup(this.cmd, this.keys.fixes);
			await this.outbox.drain();
			if (this.outbox.length > 0) return;
			if (this.degradedSince !== null) {
				console.error(`cluster: Redis is back after ${Math.round((Date.now() - this.degradedSince) / 1000)} s; rejoining`);
				this.degradedSince = null;
				this.reason = null;
				// engines rebuild from the record under whichever node wins the lease
				await this.become('follower', await this.readStatuses());
			}
			await this.contest();
		} catch (e) {
			this.degrade(`Redis: ${(e as Error).message}`);
		} finally {
			this.recovering = false;
		}
	}

	/** Holds or contests the presence lease. */
	private async contest(): Promise<void> {
		if (this.stopped || this.degradedSince !== null || !this.cmd.isReady) return;
		try {
			const had = this.lease.held;
			if (await this.lease.contest()) {
				if (had) return;
				console.error(`cluster: ${this.nodeId} runs presence`);
				await this.become('leader');
			} else if (had || this.currentRole !== 'follower') {
				await this.become('follower', await this.readStatuses());
			}
		} catch (e) {
			this.degrade(`Redis: ${(e as Error).message}`);
		}
	}

	private async readStatuses(): Promise<HotspotStatus[]> {
		const all = await this.cmd.hGetAll(this.keys.statuses);
		return Object.values(all).map((v) => JSON.parse(v) as HotspotStatus);
	}

	/** The leader keeps the whole picture in Redis for followers that join later. */
	private async saveStatuses(list: HotspotStatus[]): Promise<void> {
		if (!this.lease.held || list.length === 0 || !this.cmd.isReady) return;
		await this.cmd.hSet(this.keys.statuses, Object.fromEntries(list.map((s) => [String(s.hotspot), JSON.stringify(s)]))).catch(() => {});
	}

	async stop(): Promise<void> {
		this.stopped = true;
		for (const t of this.timers) clearInterval(t);
		for (const u of this.unsubscribe) u();
		await this.lease.release();
		await this.outbox.drain().catch(() => {});
		for (const c of [this.tail, this.group, this.cmd, this.adapterClient]) {
			try {
				c.destroy();
			} catch {
				// already closed
			}
		}
		await Promise.allSettled(this.loops);
	}
}
