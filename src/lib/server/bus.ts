// In-process publish/subscribe between services (which publish after commit) and the realtime
// server (which fans out to sockets). With REDIS_URL the Socket.IO adapter carries emits to the
// other nodes, so this bus only ever needs to be local.
import type { GapAlert, HotspotStatus, OfficerMove, OfficerStatus, PresenceUpdate, Tasking } from '../realtime/contract.ts';

export interface BusEvents {
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
	'duty:changed': { officer: number; onDuty: boolean; at: number };
}

type Handler<K extends keyof BusEvents> = (payload: BusEvents[K]) => void;

export class Bus {
	private handlers = new Map<keyof BusEvents, Set<Handler<any>>>();

	subscribe<K extends keyof BusEvents>(event: K, handler: Handler<K>): () => void {
		let set = this.handlers.get(event);
		if (!set) this.handlers.set(event, (set = new Set()));
		set.add(handler);
		return () => set.delete(handler);
	}

	publish<K extends keyof BusEvents>(event: K, payload: BusEvents[K]): void {
		for (const h of this.handlers.get(event) ?? []) {
			try {
				h(payload);
			} catch (e) {
				console.error(`bus: a ${String(event)} handler failed`, e);
			}
		}
	}
}
