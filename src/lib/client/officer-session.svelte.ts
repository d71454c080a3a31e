// The officer's phone: location, duty, patrol tracking and the link to the server. One instance
// per officer layout, shared through context (never a module singleton evaluated on the server).
import { getContext, setContext } from 'svelte';
import type { Fix } from '../domain/presence/fix.ts';
import type { Ack, PresenceUpdate, ReportResult, Tasking } from '../realtime/contract.ts';
import { connectSocket, type ClientSocket } from './socket.ts';
import { uuid } from './uuid.ts';

export interface Position {
	lat: number;
	lon: number;
	accuracy: number;
	t: number;
	speed: number | null;
	heading: number | null;
}

/** DESIGN.md phone reporting: at most one fix a second on patrol, a heartbeat at least every 10 s. */
const MIN_INTERVAL_MS = 1000;
const HEARTBEAT_MS = 10_000;

export class OfficerSession {
	position = $state<Position | null>(null);
	locationError = $state<string | null>(null);
	connected = $state(false);
	onDuty = $state(false);
	patrol = $state<{ hotspot: number; since: number } | null>(null);
	pending = $state<Fix[]>([]);
	acked = $state(0);
	lastAck = $state<ReportResult | null>(null);
	lastError = $state<string | null>(null);
	presence = $state<PresenceUpdate | null>(null);
	taskings = $state<Tasking[]>([]);

	private socket: ClientSocket | null = null;
	private watchId: number | null = null;
	private heartbeat: ReturnType<typeof setInterval> | null = null;
	private lastSentT = 0;
	private lastQueuedAt = 0;
	private sending = false;
	private throttled: ReturnType<typeof setTimeout> | null = null;

	constructor(initial: { onDuty: boolean }) {
		this.onDuty = initial.onDuty;
	}

	start(): void {
		const socket = connectSocket();
		this.socket = socket;
		socket.on('connect', () => {
			this.connected = true;
			void this.flush();
		});
		socket.on('disconnect', () => (this.connected = false));
		socket.on('connect_error', (e) => {
			this.connected = false;
			this.lastError = e.message;
		});
		socket.on('presence:update', (u) => (this.presence = u));
		socket.on('tasking:created', (t) => (this.taskings = [t, ...this.taskings.filter((x) => x.id !== t.id)]));
		socket.on('tasking:updated', (t) => (this.taskings = this.taskings.map((x) => (x.id === t.id ? t : x))));
		this.watch();
	}

	stop(): void {
		if (this.watchId !== null) navigator.geolocation?.clearWatch(this.watchId);
		if (this.heartbeat) clearInterval(this.heartbeat);
		this.socket?.disconnect();
		this.socket = null;
	}

	/** Location for the nearby list and directions; reported to the server only on patrol and on duty. */
	private watch(): void {
		if (!('geolocation' in navigator)) {
			this.locationError = 'This browser cannot share its location.';
			return;
		}
		this.watchId = navigator.geolocation.watchPosition(
			(p) => this.onPosition(p),
			(e) => (this.locationError = e.code === e.PERMISSION_DENIED ? 'Location is blocked: allow it in the browser settings.' : e.message),
			{ enableHighAccuracy: true, maximumAge: 5000, timeout: 30_000 }
		);
	}

	private onPosition(p: GeolocationPosition): void {
		this.locationError = null;
		this.position = {
			lat: p.coords.latitude,
			lon: p.coords.longitude,
			accuracy: p.coords.accuracy,
			t: p.timestamp,
			speed: p.coords.speed,
			heading: p.coords.heading
		};
		this.queueFix();
	}

	private queueFix(force = false): void {
		const pos = this.position;
		if (!pos || !this.patrol || !this.onDuty) return;
		if (pos.t <= this.lastSentT) return;
		const now = Date.now();
		if (!force && now - this.lastQueuedAt < MIN_INTERVAL_MS) {
			// at most one a second, but the newest position still goes when the second is up
			this.throttled ??= setTimeout(() => {
				this.throttled = null;
				this.queueFix();
			}, MIN_INTERVAL_MS - (now - this.lastQueuedAt));
			return;
		}
		this.lastQueuedAt = now;
		this.lastSentT = pos.t;
		this.pending = [
			...this.pending,
			{
				id: uuid(),
				t: Math.round(pos.t),
				lat: pos.lat,
				lon: pos.lon,
				accuracy: pos.accuracy,
				speed: pos.speed,
				heading: pos.heading
			}
		];
		void this.flush();
	}

	async setDuty(onDuty: boolean): Promise<boolean> {
		const socket = this.socket;
		if (!socket?.connected) {
			this.lastError = 'Not connected: try again when the signal is back.';
			return false;
		}
		const r = await socket.timeout(10_000).emitWithAck('duty:set', { onDuty });
		if (!r.ok) {
			this.lastError = r.error;
			return false;
		}
		this.onDuty = r.onDuty;
		if (!r.onDuty) this.endPatrol();
		return true;
	}

	async startPatrol(hotspot: number): Promise<void> {
		if (!this.onDuty && !(await this.setDuty(true))) return;
		this.patrol = { hotspot, since: Date.now() };
		this.lastQueuedAt = 0;
		this.queueFix(true);
		if (this.heartbeat) clearInterval(this.heartbeat);
		this.heartbeat = setInterval(() => {
			navigator.geolocation?.getCurrentPosition((p) => this.onPosition(p), () => {}, {
				enableHighAccuracy: true,
				maximumAge: 0,
				timeout: HEARTBEAT_MS
			});
		}, HEARTBEAT_MS);
	}

	endPatrol(): void {
		this.patrol = null;
		if (this.heartbeat) clearInterval(this.heartbeat);
		this.heartbeat = null;
	}

	/** Sends what is unsent; the server's per-id ack decides what leaves the queue. */
	async flush(): Promise<void> {
		const socket = this.socket;
		if (this.sending || !socket?.connected || this.pending.length === 0) return;
		this.sending = true;
		const batch = this.pending.slice(0, 200);
		try {
			const r: Ack<ReportResult> = await socket.timeout(15_000).emitWithAck('position:report', batch);
			if (r.ok) {
				const done = new Set([...r.accepted, ...r.duplicates, ...r.rejected.map((x) => x.id)]);
				this.pending = this.pending.filter((f) => !done.has(f.id));
				this.acked += r.accepted.length;
				this.lastAck = { accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected };
				this.lastError = r.rejected[0]?.error ?? null;
			} else {
				this.lastError = r.error;
			}
		} catch {
			this.lastError = 'No answer from the server; will retry.';
		} finally {
			this.sending = false;
		}
		if (this.pending.length > 0 && this.socket?.connected) setTimeout(() => void this.flush(), 1000);
	}

	async sendMe(): Promise<{ hotspot: number } | { error: string }> {
		const pos = this.position;
		const res = await fetch('/api/officer/send-me', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(pos ? { lat: pos.lat, lon: pos.lon } : {})
		});
		const body = await res.json();
		if (!res.ok) return { error: body.message ?? 'Could not pick a hot spot.' };
		return { hotspot: body.hotspot };
	}
}

const KEY = Symbol('officer-session');

export function provideOfficerSession(s: OfficerSession): OfficerSession {
	return setContext(KEY, s);
}

export function useOfficerSession(): OfficerSession {
	return getContext<OfficerSession>(KEY);
}
