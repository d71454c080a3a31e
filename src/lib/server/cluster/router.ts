// Where a stored fix goes after ingest's one `fixes:stored`: to the live fleet (the control
// room's picture and its `officers:moved`) and to presence (visits and coverage). On one node the
// LocalRouter below hands them over in process; with REDIS_URL the Cluster (cluster.ts) does, over
// Redis Streams, so that one node's presence sees every node's fixes. The roles a node can take
// live here and in the cluster only: presence and the fleet know neither them nor each other.
// docs/architecture.md follows one fix through.
import type { CurrentVisit } from '../../domain/presence/types.ts';
import type { HotspotStatus, StoredFix } from '../../realtime/contract.ts';
import type { Bus } from '../bus.ts';

/**
 * Where this node's presence stands. `solo`: no Redis, it sees every fix. `leader`: it holds the
 * presence lease and reads every node's fixes from the Redis stream. `follower`: another node
 * runs the engines; the statuses shown are that node's, forwarded. `local`: Redis is unreachable,
 * so each node runs presence for the fixes it stores itself until Redis is back.
 */
export type PresenceRole = 'solo' | 'leader' | 'follower' | 'local';

/** What a router delivers stored fixes to (the App's live fleet and presence service). */
export interface FixTargets {
	bus: Bus;
	fleet: {
		/** `silent`: fixes another node stored and fanned out already; only this node's picture moves */
		onStored(fixes: StoredFix[], opts?: { silent?: boolean }): void;
	};
	presence: {
		apply(fixes: StoredFix[]): Promise<void>;
		/** drop the engines (they rebuild from the record); `running` false: compute nothing until restarted */
		restart(running: boolean): Promise<void>;
		statuses(): HotspotStatus[];
	};
}

export interface FixRouter {
	readonly role: PresenceRole;
	/** the hot spot statuses this node serves: its own presence's, or a follower's copy of the leader's */
	statuses(): HotspotStatus[];
	start(): Promise<void>;
	stop(): Promise<void>;
}

/** One node, no Redis: every fix this node stores is every fix there is. */
export class LocalRouter implements FixRouter {
	readonly role: PresenceRole = 'solo';
	private readonly targets: FixTargets;
	private unsubscribe: (() => void) | null = null;

	constructor(targets: FixTargets) {
		this.targets = targets;
	}

	async start(): Promise<void> {
		this.unsubscribe = this.targets.bus.subscribe('fixes:stored', (fixes) => {
			this.targets.fleet.onStored(fixes);
			void this.targets.presence.apply(fixes);
		});
	}

	statuses(): HotspotStatus[] {
		return this.targets.presence.statuses();
	}

	async stop(): Promise<void> {
		this.unsubscribe?.();
		this.unsubscribe = null;
	}
}

/**
 * Presence as routes, services and tests on this node read it (`app.presence`): the role and the
 * statuses from the router, the engines' own counters from the presence service.
 */
export interface NodePresence {
	readonly currentRole: PresenceRole;
	statuses(): HotspotStatus[];
	/** resolves when every fix handed to this node's presence so far is applied and written */
	settle(): Promise<void>;
	/** officers recomputed from storage because a fix came later than their engine holds */
	readonly rebuilds: number;
	/** an officer's open visits as this node's engine has them; null when it runs none for them */
	current(officer: number): CurrentVisit[] | null;
	hotspotName(hotspot: number): string | null;
}

export function nodePresence(
	presence: { settle(): Promise<void>; readonly rebuilds: number; current(officer: number): CurrentVisit[] | null; hotspotName(hotspot: number): string | null },
	router: FixRouter
): NodePresence {
	return {
		get currentRole() {
			return router.role;
		},
		statuses: () => router.statuses(),
		settle: () => presence.settle(),
		current: (officer) => presence.current(officer),
		hotspotName: (hotspot) => presence.hotspotName(hotspot),
		get rebuilds() {
			return presence.rebuilds;
		}
	};
}
