// The control room's live picture. Position bursts are merged per officer and applied once per
// animation frame (a force of 5,000 at 1 Hz must not re-render per message); each (re)connect
// resyncs from the server's snapshot, so a network loss or a server restart heals itself without a
// reload. A silent connection is shown as stale, never as live.
import { getContext, setContext } from 'svelte';
import type { Ack, ControlSnapshot, ErrorBody, GapAlert, HotspotStatus, OfficerMove, OfficerStatus, Tasking } from '../realtime/contract.ts';
import { nearestFree, type NearOfficer } from '../domain/allocation/nearest.ts';
import { connectSocket, type ClientSocket } from './socket.ts';

export interface OfficerView extends OfficerMove {
	onDuty: boolean;
	/** the last positions, oldest first, for a short trail */
	trail: [number, number][];
}

type FrameListener = (changed: OfficerView[], removed: number[]) => void;

const TRAIL = 10;
/** three missed heartbeats (5 s each) and the picture is called stale */
const SILENT_MS = 15_000;

export class FleetState {
	/** bumps once per applied frame; read it to re-render */
	version = $state(0);
	connected = $state(false);
	syncedAt = $state<number | null>(null);
	/** the last message from the server, for "updated N s ago" */
	heardAt = $state<number>(Date.now());
	/** the server's own word: Redis unreachable, so only this node's officers move live */
	degraded = $state<string | null>(null);
	gaps = $state<GapAlert[]>([]);
	taskings = $state<Tasking[]>([]);
	/** the map and lists stop following live data while a replay is shown */
	paused = $state(false);
	readonly officers = new Map<number, OfficerView>();
	readonly waiting = new Map<number, { callsign: string }>();
	readonly hotspots = new Map<number, HotspotStatus>();

	private pending = new Map<number, OfficerMove>();
	private removed = new Set<number>();
	private frame: number | null = null;
	private listeners = new Set<FrameListener>();
	private socket: ClientSocket | null = null;
	private stopped = false;

	start(): void {
		void connectSocket().then((socket) => (this.stopped ? socket.disconnect() : this.attach(socket)));
	}

	private attach(socket: ClientSocket): void {
		this.socket = socket;
		const heard = () => (this.heardAt = Date.now());
		socket.on('connect', () => {
			this.connected = true;
			heard();
			void this.resync();
		});
		socket.on('disconnect', () => (this.connected = false));
		socket.on('connect_error', () => (this.connected = false));
		socket.on('system:state', (state) => {
			heard();
			const was = this.degraded;
			this.degraded = state.degraded ? (state.reason ?? 'degraded') : null;
			// back to normal: what other nodes did meanwhile comes with a fresh snapshot
			if (was && !this.degraded) void this.resync();
		});
		socket.on('officers:moved', (moves) => {
			heard();
			this.queue(moves);
		});
		socket.on('officers:status', (s) => this.status(s));
		socket.on('hotspots:status', (s) => {
			heard();
			for (const h of s) this.hotspots.set(h.hotspot, h);
			this.version++;
		});
		socket.on('gap:opened', (g) => (this.gaps = [g, ...this.gaps.filter((x) => x.hotspot !== g.hotspot)]));
		socket.on('gap:closed', ({ hotspot }) => (this.gaps = this.gaps.filter((g) => g.hotspot !== hotspot)));
		socket.on('tasking:created', (t) => (this.taskings = [t, ...this.taskings.filter((x) => x.id !== t.id)].slice(0, 50)));
		socket.on('tasking:updated', (t) => (this.taskings = this.taskings.map((x) => (x.id === t.id ? t : x))));
	}

	stop(): void {
		this.stopped = true;
		this.socket?.disconnect();
		if (this.frame !== null) cancelAnimationFrame(this.frame);
	}

	/** Live, and heard from recently: anything else must say so on screen. */
	fresh(now: number): boolean {
		return this.connected && now - this.heardAt < SILENT_MS;
	}

	onFrame(listener: FrameListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async resync(): Promise<void> {
		const res = await fetch('/api/control/snapshot').catch(() => null);
		if (!res?.ok) return;
		const snap: ControlSnapshot = await res.json();
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
		// the snapshot is the whole truth about gaps: a room opened mid-gap must be able to act on it
		this.gaps = snap.gaps;
		// a tasking heard on the socket meanwhile is newer than the snapshot's copy
		const heard = new Map(this.taskings.map((t) => [t.id, t]));
		const inSnap = new Set(snap.taskings.map((t) => t.id));
		const newer = this.taskings.filter((t) => !inSnap.has(t.id) && t.createdAt >= snap.at);
		this.taskings = [...newer, ...snap.taskings.map((t) => heard.get(t.id) ?? t)].slice(0, 50);
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
			const trail = cur ? cur.trail : [];
			if (!cur || cur.lon !== m.lon || cur.lat !== m.lat) trail.push([m.lon, m.lat]);
			if (trail.length > TRAIL) trail.shift();
			const v: OfficerView = { ...m, onDuty: true, trail };
			this.officers.set(m.officer, v);
			this.waiting.delete(m.officer);
			changed.push(v);
		}
		this.pending.clear();
		const removed = [...this.removed].filter((id) => this.officers.delete(id) || true);
		this.removed.clear();
		if (!this.paused) for (const l of this.listeners) l(changed, removed);
		this.version++;
	}

	/** Sends an officer to a hot spot; the phone gets it as an offer to accept. */
	async task(officer: number, hotspot: number, note?: string): Promise<Ack> {
		const res = await fetch('/api/control/taskings', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ officer, hotspot, note })
		}).catch(() => null);
		if (!res) return { ok: false, error: 'No connection to the server.' };
		if (!res.ok) return { ok: false, error: ((await res.json().catch(() => ({}))) as Partial<ErrorBody>).message ?? `HTTP ${res.status}` };
		return { ok: true };
	}

	/** The nearest officers with a position who are not inside a hot spot, as they are now. */
	nearestFree(to: [number, number], n = 3): NearOfficer[] {
		const busy = new Set<number>();
		for (const h of this.hotspots.values()) for (const o of h.present) busy.add(o);
		return nearestFree(this.officers.values(), busy, to, n);
	}

	/** All officers as they are now (after a replay, the layer redraws from this). */
	all(): OfficerView[] {
		return [...this.officers.values()];
	}
}

const KEY = Symbol('fleet');
export const provideFleet = (f: FleetState) => setContext(KEY, f);
export const useFleet = () => getContext<FleetState>(KEY);
