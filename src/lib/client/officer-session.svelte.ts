// The officer's phone: location, duty, patrol, the outbox and the link to the server. One
// instance per officer layout, shared through context (never a module singleton evaluated on the
// server). Nothing recorded is lost: fixes and activities go to IndexedDB first and leave it only
// when the server's per-id ack says so.
import { getContext, setContext } from 'svelte';
import { reportingPolicy } from '../domain/allocation/reporting.ts';
import type { ActivityReport, OutboxKind, OutboxPayloads, PresenceUpdate, ReportAck, Tasking } from '../realtime/contract.ts';
import { heartbeat, watchLocation, type Position } from './location.ts';
import { Outbox } from './outbox.ts';
import { loadPatrol, savePatrol, type Patrol } from './patrol-store.ts';
import { requestSendMe } from './send-me.ts';
import { connectSocket, type ClientSocket } from './socket.ts';
import { uuid } from './uuid.ts';
import { ScreenAwake } from './wake-lock.ts';

const BATCH = 200;
/** an activity can be undone this long: it waits on the phone, so undo never touches the record */
export const UNDO_MS = 10_000;

export class OfficerSession {
	position = $state<Position | null>(null);
	locationError = $state<string | null>(null);
	connected = $state(false);
	/** until the first connection attempt has an answer: not yet "offline" */
	connecting = $state(true);
	onDuty = $state(false);
	patrol = $state<Patrol | null>(null);
	/** items waiting in the outbox, for the "unsent" badge and the logout guard */
	unsent = $state(0);
	acked = $state(0);
	lastError = $state<string | null>(null);
	/** the engine's current visits by hot spot (the visit timer), ended ones kept until the next visit there */
	visits = $state<Record<number, PresenceUpdate>>({});
	taskings = $state<Tasking[]>([]);
	/** a gap in tracking while the page was hidden (screen off), shown when it comes back */
	pausedGap = $state<{ from: number; to: number } | null>(null);
	/** metres to the nearest live hot spot, set by the page that knows the hot spots */
	nearestLiveMetres = $state<number | null>(null);

	private socket: ClientSocket | null = null;
	private outbox = new Outbox();
	private unwatch: (() => void) | null = null;
	private heartbeat: ReturnType<typeof setInterval> | null = null;
	private throttled: ReturnType<typeof setTimeout> | null = null;
	private lastSentT = 0;
	private lastQueuedAt = 0;
	private flushing = false;
	private hiddenSince: number | null = null;
	private awake = new ScreenAwake();
	private onTasking: ((t: Tasking) => void) | null = null;
	private stopped = false;

	constructor(initial: { onDuty: boolean; visits: PresenceUpdate[] }) {
		this.onDuty = initial.onDuty;
		this.visits = Object.fromEntries(initial.visits.map((v) => [v.hotspot, v]));
		// a reload (or the phone reopening the app) mid-patrol carries on patrolling
		if (this.onDuty) this.patrol = loadPatrol(Date.now());
	}

	start(opts: { onTasking?: (t: Tasking) => void } = {}): void {
		this.onTasking = opts.onTasking ?? null;
		void navigator.storage?.persist?.();
		void this.refreshUnsent();
		this.unwatch = watchLocation(this.onPosition, (e) => (this.locationError = e));
		this.schedule();
		if (this.patrol) void this.awake.hold();
		document.addEventListener('visibilitychange', this.visibility);
		window.addEventListener('online', this.online);
		void connectSocket().then((socket) => (this.stopped ? socket.disconnect() : this.attach(socket)));
	}

	private attach(socket: ClientSocket): void {
		this.socket = socket;
		socket.on('connect', () => {
			this.connected = true;
			this.connecting = false;
			void this.flush();
		});
		socket.on('disconnect', () => (this.connected = false));
		socket.on('connect_error', (e) => {
			this.connected = false;
			this.connecting = false;
			// no signal is said by the status line; only a login that has ended needs words here
			if (e.message.startsWith('unauthorized')) this.lastError = 'Your login has ended: log in again. Nothing recorded on this phone is lost.';
		});
		socket.on('presence:current', (list) => (this.visits = Object.fromEntries(list.map((v) => [v.hotspot, v]))));
		socket.on('presence:update', (u) => {
			if (u.hotspot !== null) this.visits = { ...this.visits, [u.hotspot]: u };
			// the presence engine decides when a patrol is over: the officer has left the hot spot
			if (u.ended && this.patrol && u.hotspot === this.patrol.hotspot) this.endPatrol();
		});
		socket.on('tasking:created', (t) => {
			this.taskings = [t, ...this.taskings.filter((x) => x.id !== t.id)];
			if (t.status === 'offered') this.onTasking?.(t);
		});
		socket.on('tasking:updated', (t) => (this.taskings = this.taskings.map((x) => (x.id === t.id ? t : x))));
	}

	stop(): void {
		this.stopped = true;
		this.unwatch?.();
		if (this.heartbeat) clearInterval(this.heartbeat);
		if (this.throttled) clearTimeout(this.throttled);
		document.removeEventListener('visibilitychange', this.visibility);
		window.removeEventListener('online', this.online);
		this.awake.release();
		this.socket?.disconnect();
		this.socket = null;
	}

	private online = () => void this.flush();

	private visibility = () => {
		if (document.visibilityState === 'hidden') {
			if (this.patrol) this.hiddenSince = Date.now();
			return;
		}
		if (this.hiddenSince !== null && Date.now() - this.hiddenSince > 15_000) this.pausedGap = { from: this.hiddenSince, to: Date.now() };
		this.hiddenSince = null;
		if (this.patrol) void this.awake.hold();
		void this.flush();
	};

	/** Heartbeat per the reporting policy; re-armed whenever duty or patrol changes. */
	private schedule(): void {
		if (this.heartbeat) clearInterval(this.heartbeat);
		const policy = this.policy();
		this.heartbeat = policy ? heartbeat(policy.heartbeatMs, this.onPosition) : null;
	}

	private policy() {
		return reportingPolicy({ onDuty: this.onDuty, patrolling: this.patrol !== null, nearestLiveMetres: this.nearestLiveMetres });
	}

	private onPosition = (p: Position): void => {
		this.locationError = null;
		this.position = p;
		this.queueFix();
	};

	private queueFix(): void {
		const pos = this.position;
		const policy = this.policy();
		if (!pos || !policy) return;
		if (pos.t <= this.lastSentT) return;
		const now = Date.now();
		if (now - this.lastQueuedAt < policy.minIntervalMs) {
			// at most one per interval, but the newest position still goes when the interval is up
			this.throttled ??= setTimeout(() => {
				this.throttled = null;
				this.queueFix();
			}, policy.minIntervalMs - (now - this.lastQueuedAt));
			return;
		}
		this.lastQueuedAt = now;
		this.lastSentT = pos.t;
		void this.enqueue('fix', { id: uuid(), t: Math.round(pos.t), lat: pos.lat, lon: pos.lon, accuracy: pos.accuracy, speed: pos.speed, heading: pos.heading });
	}

	private async enqueue<K extends OutboxKind>(kind: K, payload: OutboxPayloads[K]): Promise<void> {
		await this.outbox.put({ id: payload.id, kind, payload, queuedAt: Date.now() });
		await this.refreshUnsent();
		void this.flush();
	}

	private async refreshUnsent(): Promise<void> {
		this.unsent = await this.outbox.count();
	}

	/**
	 * Records an activity (the session adds its id and time): stored on the phone at once, sent when
	 * there is signal — after UNDO_MS, during which `undo` takes it back before it leaves the phone.
	 */
	async record(a: Pick<ActivityReport, 'kind' | 'note' | 'hotspot'>): Promise<string> {
		const id = uuid();
		const now = Date.now();
		await this.outbox.put({ id, kind: 'activity', payload: { id, t: now, kind: a.kind, note: a.note ?? null, hotspot: a.hotspot ?? null }, queuedAt: now, notBefore: now + UNDO_MS });
		await this.refreshUnsent();
		setTimeout(() => void this.flush(), UNDO_MS + 50);
		return id;
	}

	/** Takes back an activity still held on the phone; false once it has gone to the server. */
	async undo(id: string): Promise<boolean> {
		const held = await this.outbox.withdraw(id, Date.now());
		await this.refreshUnsent();
		return held;
	}

	/** Sends what is unsent, oldest first; the server's per-id ack decides what leaves the outbox. */
	async flush(): Promise<void> {
		if (this.flushing) return;
		this.flushing = true;
		try {
			if (await this.drain('activity', (s, batch) => s.timeout(15_000).emitWithAck('activity:report', batch))) {
				await this.drain('fix', (s, batch) => s.timeout(15_000).emitWithAck('position:report', batch));
			}
		} finally {
			this.flushing = false;
		}
	}

	/** Sends one kind until none is left; false when sending must stop (no connection, no answer). */
	private async drain<K extends OutboxKind>(kind: K, send: (socket: ClientSocket, batch: OutboxPayloads[K][]) => Promise<ReportAck>): Promise<boolean> {
		for (;;) {
			const socket = this.socket;
			if (!socket?.connected) return false;
			const batch = await this.outbox.take(kind, BATCH, Date.now());
			if (batch.length === 0) return true;
			let r;
			try {
				r = await send(socket, batch.map((b) => b.payload));
			} catch {
				this.lastError = 'Offline — your patrol is saved on this phone and will be sent when signal returns.';
				return false;
			}
			if (!r.ok) {
				this.lastError = r.error;
				return false;
			}
			if (kind === 'fix') this.acked += r.accepted.length;
			this.lastError = r.rejected[0]?.error ?? null;
			const done = [...r.accepted, ...r.duplicates, ...r.rejected.map((x) => x.id).filter((x): x is string => x !== null)];
			await this.outbox.remove(done);
			await this.refreshUnsent();
			if (done.length < batch.length) return true;
		}
	}

	async setDuty(onDuty: boolean): Promise<boolean> {
		const socket = this.socket;
		if (!socket?.connected) {
			this.lastError = 'Offline — going on or off duty needs signal; try again when it returns.';
			return false;
		}
		try {
			const r = await socket.timeout(10_000).emitWithAck('duty:set', { onDuty });
			if (!r.ok) {
				this.lastError = r.error;
				return false;
			}
			this.onDuty = r.onDuty;
		} catch {
			this.lastError = 'No answer from the server — check the signal and try again.';
			return false;
		}
		if (!this.onDuty) this.endPatrol();
		this.schedule();
		// the control room should see an officer the moment they come on duty
		this.lastQueuedAt = 0;
		this.queueFix();
		return true;
	}

	async startPatrol(hotspot: number): Promise<void> {
		if (!this.onDuty && !(await this.setDuty(true))) return;
		this.patrol = { hotspot, since: Date.now() };
		savePatrol(this.patrol);
		this.pausedGap = null;
		this.lastQueuedAt = 0;
		this.schedule();
		this.queueFix();
		void this.awake.hold();
	}

	endPatrol(): void {
		this.patrol = null;
		savePatrol(null);
		this.schedule();
		this.awake.release();
	}

	async respond(id: string, accept: boolean): Promise<Tasking | null> {
		const socket = this.socket;
		if (!socket?.connected) return null;
		const r = await socket.timeout(10_000).emitWithAck('tasking:respond', { id, accept });
		if (!r.ok) {
			this.lastError = r.error;
			return null;
		}
		this.taskings = this.taskings.map((x) => (x.id === id ? r.tasking : x));
		return r.tasking;
	}

	sendMe(): Promise<{ hotspot: number } | { error: string }> {
		return requestSendMe(this.position);
	}
}

const KEY = Symbol('officer-session');

export function provideOfficerSession(s: OfficerSession): OfficerSession {
	return setContext(KEY, s);
}

export function useOfficerSession(): OfficerSession {
	return getContext<OfficerSession>(KEY);
}
