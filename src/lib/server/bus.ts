// In-process publish/subscribe between services (which publish after commit) and the realtime
// server (which fans out to sockets). With REDIS_URL the Socket.IO adapter carries emits to the
// other nodes, and the cluster link forwards the few events other nodes' services need
// (CLUSTER_EVENTS); those arrive here marked remote, so nobody emits them to sockets twice.
import { errorSummary } from './http/errors.ts';
import type { GapAlert, HotspotStatus, Mode, OfficerMove, OfficerStatus, PresenceUpdate, StoredFix, Tasking } from '../realtime/contract.ts';

export interface BusEvents {
	/**
	 * Fixes this node has just committed and acked, in arrival order (services/ingest.ts); the fix
	 * router (cluster/router.ts, or cluster/cluster.ts with Redis) delivers them to presence and
	 * the live fleet. Never forwarded as an event: with Redis, fixes travel on their own stream.
	 */
	'fixes:stored': StoredFix[];
	'officer:moved': OfficerMove;
	'officers:status': OfficerStatus[];
	'hotspots:status': HotspotStatus[];
	'gap:opened': GapAlert;
	'gap:closed': { hotspot: number; at: number };
	'tasking:created': Tasking;
	'tasking:updated': Tasking;
	'presence:update': { officer: number; update: PresenceUpdate };
	'user:revoked': { userId: number; sessionId?: string };
	'hotspots:published': { setId: number };
	'duty:changed': { officer: number; callsign: string; onDuty: boolean; at: number };
	/** the presence engine's reading of how an officer moves */
	'officer:mode': { officer: number; mode: Mode };
}

/** Events other nodes' services act on: forwarded through Redis by the cluster link. */
export const CLUSTER_EVENTS = ['duty:changed', 'hotspots:published', 'user:revoked', 'hotspots:status', 'officer:mode'] as const satisfies readonly (keyof BusEvents)[];

export interface Meta {
	/** published on another node and forwarded here */
	remote: boolean;
}

type Handler<K extends keyof BusEvents> = (payload: BusEvents[K], meta: Meta) => void;

const LOCAL: Meta = { remote: false };

/** where a failing handler is reported (the App's log) */
export type BusLog = { error(fields: object, msg: string): void };

const CONSOLE: BusLog = { error: (fields, msg) => console.error(msg, fields) };

export class Bus {
	private handlers = new Map<keyof BusEvents, Set<Handler<any>>>();
	private readonly log: BusLog;

	constructor(log: BusLog = CONSOLE) {
		this.log = log;
	}

	subscribe<K extends keyof BusEvents>(event: K, handler: Handler<K>): () => void {
		let set = this.handlers.get(event);
		if (!set) this.handlers.set(event, (set = new Set()));
		set.add(handler);
		return () => set.delete(handler);
	}

	publish<K extends keyof BusEvents>(event: K, payload: BusEvents[K], meta: Meta = LOCAL): void {
		for (const h of this.handlers.get(event) ?? []) {
			try {
				h(payload, meta);
			} catch (e) {
				this.log.error({ event, error: errorSummary(e) }, 'bus: a handler failed');
			}
		}
	}
}
