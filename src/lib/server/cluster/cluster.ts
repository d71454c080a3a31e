// Several nodes, one force (REDIS_URL set): the link between this node and the others through
// Redis. The database stays the record; Redis only carries what is in flight.
//
// - Positions: the node that stores a batch of fixes appends it to the `fixes` stream after the
//   commit (the phone has its ack already). One node at a time holds the presence lease and reads
//   the stream through the `presence` consumer group, acknowledging each entry once its engine
//   has applied it; when that node dies its lease lapses, another takes the lease and the entries
//   left pending, and its engines rebuild each officer from the stored fixes. Every node also
//   tails the stream, so its control-room snapshot knows where everyone is.
// - Service events other nodes act on (CLUSTER_EVENTS: duty, publishing, revocation, hot spot
//   statuses, modes) go through the `events` stream and arrive on each bus marked remote.
// - Socket.IO emits go through the Redis Streams adapter (see adapterClient).
// - Redis down: fixes are still committed and acked; what should have gone to the streams waits
//   in a bounded outbox; every node runs presence for its own fixes ("local"); fan-out reaches
//   this node's sockets only; `state` says degraded, and the control room shows it. When Redis
//   answers again the outbox drains, the lease is contested again and engines rebuild.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { FixQuality } from '../../domain/presence/fix.ts';
import type { HotspotStatus } from '../../realtime/contract.ts';
import { CLUSTER_EVENTS, type Bus, type BusEvents } from '../bus.ts';
import type { StoredFix } from '../services/ingest.ts';
import type { LiveFleet } from '../services/live-fleet.ts';
import type { PresenceRole, PresenceService } from '../services/presence.ts';

function redisClient(url: string, name: string, offlineQueue: boolean) {
	return createClient({
		url,
		name: `hotspot-patrol:${name}`,
		disableOfflineQueue: !offlineQueue,
		socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) }
	});
}

type Redis = ReturnType<typeof redisClient>;

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

export interface ClusterDeps {
	bus: Bus;
	fleet: LiveFleet;
	presence: PresenceService;
}

export interface ClusterState {
	degraded: boolean;
	reason: string | null;
	since: number | null;
	role: PresenceRole;
	outbox: number;
}

const OUTBOX_MAX = 100_000;
const GROUP = 'presence';

type Entry = { id: string; message: Record<string, string> };

function encodeFixes(fixes: StoredFix[]): string {
	return JSON.stringify(fixes.map((f) => [f.id, f.officerId, f.t, f.lat, f.lon, f.accuracy, f.speed ?? null, f.heading ?? null, f.quality, f.receivedAt, f.source]));
}

function decodeFixes(text: string): StoredFix[] {
	return (JSON.parse(text) as [string, number, number, number, number, number, number | null, number | null, FixQuality, number, string][]).map(
		([id, officerId, t, lat, lon, accuracy, speed, heading, quality, receivedAt, source]) => ({
			id,
			officerId,
			t,
			lat,
			lon,
			accuracy,
			...(speed === null ? {} : { speed }),
			...(heading === null ? {} : { heading }),
			quality,
			receivedAt,
			source
		})
	);
}

export class Cluster {
	readonly nodeId: string;
	private readonly opts: Required<Omit<ClusterOptions, 'nodeId'>>;
	private readonly deps: ClusterDeps;
	private readonly keys: { fixes: string; events: string; lease: string; statuses: string };
	/** commands; fails fast while Redis is away, so nothing waits on it */
	private readonly cmd: Redis;
	/** blocking reads: the tail of both streams */
	private readonly tail: Redis;
	/** blocking reads: the consumer group, while this node leads */
	private readonly group: Redis;
	/** for the Socket.IO adapter (see adapterClient) */
	readonly adapterClient: Redis;
	private outbox: Record<string, string>[] = [];
	private outboxFixes = 0;
	private leading = false;
	private stopped = false;
	private degradedSince: number | null = null;
	private reason: string | null = null;
	private timers: ReturnType<typeof setInterval>[] = [];
	private unsubscribe: (() => void)[] = [];
	private loops: Promise<void>[] = [];
	private lastIds = { fixes: '$', events: '$' };

	constructor(opts: ClusterOptions, deps: ClusterDeps) {
		this.nodeId = opts.nodeId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
		this.opts = { url: opts.url, prefix: opts.prefix, streamMaxLen: opts.streamMaxLen, leaseMs: opts.leaseMs ?? 6000 };
		this.deps = deps;
		const p = opts.prefix;
		this.keys = { fixes: `${p}fixes`, events: `${p}events`, lease: `${p}presence:lease`, statuses: `${p}presence:statuses` };
		const make = (name: string, offline: boolean) => {
			const c = redisClient(opts.url, name, offline);
			c.on('error', (e: Error) => this.note(`Redis (${name}): ${e.message}`));
			return c;
		};
		this.cmd = make('cmd', false);
		this.tail = make('tail', false);
		this.group = make('group', false);
		this.adapterClient = make('adapter', false);
		// The adapter awaits its XADD before delivering to local sockets: failing fast keeps local
		// fan-out going while Redis is away. Its blocking reader, a duplicate, must instead wait
		// for the connection (its loop retries at once on an error).
		const duplicate = this.adapterClient.duplicate.bind(this.adapterClient);
		(this.adapterClient as unknown as { duplicate: (o?: object) => Redis }).duplicate = (o?: object) => {
			const d = duplicate({ ...o, disableOfflineQueue: false });
			d.on('error', () => {});
			return d as Redis;
		};
	}

	/** Connects (waiting at most a few seconds: a node starts degraded rather than not at all). */
	async start(): Promise<void> {
		const connect = (c: Redis) => c.connect().catch(() => {});
		await Promise.race([Promise.all([this.cmd, this.tail, this.group, this.adapterClient].map(connect)), new Promise((r) => setTimeout(r, 3000))]);
		for (const event of CLUSTER_EVENTS) {
			this.unsubscribe.push(
				this.deps.bus.subscribe(event, (payload, { remote }) => {
					if (!remote) this.send({ n: this.nodeId, e: event, p: JSON.stringify(payload) }, this.keys.events);
				})
			);
		}
		this.cmd.on('ready', () => void this.recovered());
		if (this.cmd.isReady) await this.ensureGroup();
		else this.degrade('Redis is unreachable');
		this.timers.push(setInterval(() => void this.contest(), Math.max(500, Math.floor(this.opts.leaseMs / 3))));
		this.timers.push(setInterval(() => this.check(), 1000));
		this.loops.push(this.tailLoop(), this.groupLoop());
		await this.contest();
	}

	get state(): ClusterState {
		return {
			degraded: this.degradedSince !== null,
			reason: this.degradedSince !== null ? this.reason : null,
			since: this.degradedSince,
			role: this.deps.presence.currentRole,
			outbox: this.outboxFixes
		};
	}

	/** After commit: every node hears of the fixes; the presence leader applies them. */
	fixesStored(fixes: StoredFix[]): void {
		if (this.deps.presence.currentRole === 'local') this.deps.presence.onStored(fixes);
		this.outboxFixes += fixes.length;
		this.send({ n: this.nodeId, f: encodeFixes(fixes), c: String(fixes.length) }, this.keys.fixes);
	}

	private send(message: Record<string, string>, key: string): void {
		const entry = { ...message, k: key };
		if (!this.cmd.isReady || this.outbox.length > 0) {
			this.queue(entry);
			return;
		}
		this.cmd
			.xAdd(key, '*', message, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.opts.streamMaxLen } })
			.then(() => {
				if (message.c) this.outboxFixes -= Number(message.c);
			})
			.catch((e: Error) => {
				this.queue(entry);
				this.degrade(`Redis write failed: ${e.message}`);
			});
	}

	private queue(entry: Record<string, string>): void {
		this.outbox.push(entry);
		// bounded: the oldest go first; stored fixes stay in the database, which engines rebuild from
		while (this.outbox.length > 0 && this.outboxFixes > OUTBOX_MAX) {
			const dropped = this.outbox.shift()!;
			if (dropped.c) this.outboxFixes -= Number(dropped.c);
		}
	}

	private async drainOutbox(): Promise<void> {
		while (this.outbox.length > 0 && this.cmd.isReady) {
			const { k, ...message } = this.outbox[0];
			try {
				await this.cmd.xAdd(k, '*', message, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.opts.streamMaxLen } });
			} catch {
				return;
			}
			this.outbox.shift();
			if (message.c) this.outboxFixes -= Number(message.c);
		}
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
		this.leading = false;
		if (this.deps.presence.currentRole !== 'local') void this.deps.presence.setRole('local');
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
			await this.ensureGroup();
			await this.drainOutbox();
			if (this.outbox.length > 0) return;
			if (this.degradedSince !== null) {
				console.error(`cluster: Redis is back after ${Math.round((Date.now() - this.degradedSince) / 1000)} s; rejoining`);
				this.degradedSince = null;
				this.reason = null;
				// engines rebuild from the record under whichever node wins the lease
				await this.deps.presence.setRole('follower', await this.readStatuses());
			}
			await this.contest();
		} catch (e) {
			this.degrade(`Redis: ${(e as Error).message}`);
		} finally {
			this.recovering = false;
		}
	}

	private async ensureGroup(): Promise<void> {
		try {
			await this.cmd.xGroupCreate(this.keys.fixes, GROUP, '$', { MKSTREAM: true });
		} catch (e) {
			if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
		}
	}

	/** Holds or contests the presence lease. */
	private async contest(): Promise<void> {
		if (this.stopped || this.degradedSince !== null || !this.cmd.isReady) return;
		try {
			if (this.leading) {
				const renewed = await this.cmd.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end", {
					keys: [this.keys.lease],
					arguments: [this.nodeId, String(this.opts.leaseMs)]
				});
				if (Number(renewed) === 1) return;
				this.leading = false;
				await this.deps.presence.setRole('follower', await this.readStatuses());
				return;
			}
			const won = await this.cmd.set(this.keys.lease, this.nodeId, { condition: 'NX', expiration: { type: 'PX', value: this.opts.leaseMs } });
			if (won === 'OK') {
				console.error(`cluster: ${this.nodeId} runs presence`);
				await this.deps.presence.setRole('leader');
				this.leading = true;
			} else if (this.deps.presence.currentRole !== 'follower') {
				await this.deps.presence.setRole('follower', await this.readStatuses());
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
		if (!this.leading || list.length === 0 || !this.cmd.isReady) return;
		await this.cmd.hSet(this.keys.statuses, Object.fromEntries(list.map((s) => [String(s.hotspot), JSON.stringify(s)]))).catch(() => {});
	}

	/** Every node: other nodes' fixes keep the fleet current; their events reach this node's services. */
	private async tailLoop(): Promise<void> {
		this.unsubscribe.push(this.deps.bus.subscribe('hotspots:status', (list, { remote }) => void (!remote && this.saveStatuses(list))));
		while (!this.stopped) {
			if (!this.tail.isReady) {
				await sleep(250);
				continue;
			}
			try {
				const reply = (await this.tail.xRead(
					[
						{ key: this.keys.fixes, id: this.lastIds.fixes },
						{ key: this.keys.events, id: this.lastIds.events }
					],
					{ BLOCK: 1000, COUNT: 500 }
				)) as { name: string; messages: Entry[] }[] | null;
				for (const stream of reply ?? []) {
					for (const m of stream.messages) {
						if (stream.name === this.keys.fixes) {
							this.lastIds.fixes = m.id;
							if (m.message.n !== this.nodeId) this.deps.fleet.onStored(decodeFixes(m.message.f), { silent: true });
						} else {
							this.lastIds.events = m.id;
							if (m.message.n !== this.nodeId) this.deps.bus.publish(m.message.e as keyof BusEvents, JSON.parse(m.message.p), { remote: true });
						}
					}
				}
			} catch (e) {
				if (!this.stopped) {
					this.degrade(`Redis read failed: ${(e as Error).message}`);
					await sleep(250);
				}
			}
		}
	}

	/** The leader only: every node's fixes through the consumer group, acked once applied. */
	private async groupLoop(): Promise<void> {
		let claimed = false;
		while (!this.stopped) {
			if (!this.leading || !this.group.isReady) {
				claimed = false;
				await sleep(200);
				continue;
			}
			try {
				let entries: Entry[] = [];
				if (!claimed) {
					// what a dead leader was given but never acknowledged
					const r = await this.group.xAutoClaim(this.keys.fixes, GROUP, this.nodeId, 0, '0-0', { COUNT: 1000 });
					entries = r.messages.filter((m): m is Entry => m !== null);
					if (r.nextId === '0-0' || entries.length === 0) claimed = true;
				}
				if (entries.length === 0) {
					const reply = (await this.group.xReadGroup(GROUP, this.nodeId, { key: this.keys.fixes, id: '>' }, { BLOCK: 1000, COUNT: 1000 })) as
						| { name: string; messages: Entry[] }[]
						| null;
					entries = reply?.[0]?.messages ?? [];
				}
				if (entries.length === 0) continue;
				const fixes = entries.flatMap((m) => decodeFixes(m.message.f));
				await this.deps.presence.apply(fixes);
				await this.group.xAck(
					this.keys.fixes,
					GROUP,
					entries.map((m) => m.id)
				);
			} catch (e) {
				if (!this.stopped) {
					this.degrade(`Redis group read failed: ${(e as Error).message}`);
					await sleep(250);
				}
			}
		}
	}

	async stop(): Promise<void> {
		this.stopped = true;
		for (const t of this.timers) clearInterval(t);
		for (const u of this.unsubscribe) u();
		// hand the lease over at once rather than after it lapses
		if (this.leading && this.cmd.isReady) {
			await this.cmd
				.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", { keys: [this.keys.lease], arguments: [this.nodeId] })
				.catch(() => {});
		}
		await this.drainOutbox().catch(() => {});
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
