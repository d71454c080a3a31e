// The control room's live picture of officers. Position bursts are merged per officer and
// applied once per animation frame; each (re)connect resyncs from the server's snapshot.
import { getContext, setContext } from 'svelte';
import type { HotspotStatus, OfficerMove, OfficerStatus } from '../realtime/contract.ts';
import { connectSocket, type ClientSocket } from './socket.ts';

export interface OfficerView extends OfficerMove {
	onDuty: boolean;
}

export interface Snapshot {
	at: number;
	officers: { officer: number; callsign: string; onDutySince: number; last: OfficerMove | null }[];
	hotspots: HotspotStatus[];
}

type FrameListener = (changed: OfficerView[], removed: number[]) => void;

export class FleetState {
	/** bumps once per applied frame; read it to re-render lists */
	version = $state(0);
	connected = $state(false);
	syncedAt = $state<number | null>(null);
	readonly officers = new Map<number, OfficerView>();
	readonly waiting = new Map<number, { callsign: string }>();
	readonly hotspots = new Map<number, HotspotStatus>();

	private pending = new Map<number, OfficerMove>();
	private removed = new Set<number>();
	private frame: number | null = null;
	private listeners = new Set<FrameListener>();
	private socket: ClientSocket | null = null;

	start(): void {
		void connectSocket().then((socket) => (this.stopped ? socket.disconnect() : this.attach(socket)));
	}

	private stopped = false;

	private attach(socket: ClientSocket): void {
		this.socket = socket;
		socket.on('connect', () => {
			this.connected = true;
			void this.resync();
		});
		socket.on('disconnect', () => (this.connected = false));
		socket.on('connect_error', () => (this.connected = false));
		socket.on('officers:moved', (moves) => this.queue(moves));
		socket.on('officers:status', (s) => this.status(s));
		socket.on('hotspots:status', (s) => {
			for (const h of s) this.hotspots.set(h.hotspot, h);
			this.version++;
		});
	}

	stop(): void {
		this.stopped = true;
		this.socket?.disconnect();
		if (this.frame !== null) cancelAnimationFrame(this.frame);
	}

	onFrame(listener: FrameListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async resync(): Promise<void> {
		const res = await fetch('/api/control/snapshot');
		if (!res.ok) return;
		const snap = (await res.json()) as Snapshot;
		const live = new Set<number>();
		this.waiting.clear();
		for (const o of snap.officers) {
			live.add(o.officer);
			if (o.last) this.pending.set(o.officer, o.last);
			else this.waiting.set(o.officer, { callsign: o.callsign });
		}
		for (const id of this.officers.keys()) if (!live.has(id)) this.removed.add(id);
		this.hotspots.clear();
		for (const h of snap.hotspots) this.hotspots.set(h.hotspot, h);
		this.syncedAt = snap.at;
		this.schedule();
	}

	private status(list: OfficerStatus[]): void {
		for (const s of list) {
			if (s.onDuty) {
				if (!this.officers.has(s.officer)) this.waiting.set(s.officer, { callsign: s.callsign });
			} else {
				this.waiting.delete(s.officer);
				this.removed.add(s.officer);
				this.pending.delete(s.officer);
			}
		}
		this.schedule();
	}

	queue(moves: OfficerMove[]): void {
		for (const m of moves) {
			const prev = this.pending.get(m.officer);
			if (!prev || prev.t <= m.t) this.pending.set(m.officer, m);
		}
		this.schedule();
	}

	private schedule(): void {
		if (this.frame !== null) return;
		const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: FrameRequestCallback) => setTimeout(() => f(0), 16) as unknown as number;
		this.frame = raf(() => this.apply());
	}

	private apply(): void {
		this.frame = null;
		const changed: OfficerView[] = [];
		for (const m of this.pending.values()) {
			const cur = this.officers.get(m.officer);
			if (cur && cur.t > m.t) continue;
			const v = { ...m, onDuty: true };
			this.officers.set(m.officer, v);
			this.waiting.delete(m.officer);
			changed.push(v);
		}
		this.pending.clear();
		const removed = [...this.removed].filter((id) => this.officers.delete(id) || true);
		this.removed.clear();
		for (const l of this.listeners) l(changed, removed);
		this.version++;
	}
}

const KEY = Symbol('fleet');
export const provideFleet = (f: FleetState) => setContext(KEY, f);
export const useFleet = () => getContext<FleetState>(KEY);
