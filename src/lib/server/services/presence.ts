// The live side of the presence engine: every stored fix goes through its officer's engine;
// visits are written (batched, once a second), the officer's phone gets its timer, and each hot
// spot's coverage state is kept current for the control room. Engines are rebuilt from stored
// fixes when an officer is first seen after a start (or after another node's worker died), so
// nothing here is the record — the fixes table is.
import { coverage, type Coverage } from '../../domain/coverage/state.ts';
import { haversine } from '../../domain/geo/geo.ts';
import { nextWindowStart } from '../../domain/hotspots/windows.ts';
import { HotspotIndex } from '../../domain/presence/hotspot-index.ts';
import { OfficerPresence } from '../../domain/presence/officer-presence.ts';
import type { CurrentVisit, PresenceEvent, PresenceFix, VisitRecord } from '../../domain/presence/types.ts';
import type { GapAlert, HotspotStatus, Mode } from '../../realtime/contract.ts';
import type { Bus } from '../bus.ts';
import { fixesBetween } from '../db/queries/fixes.ts';
import type { Hotspot } from '../db/queries/hotspots.ts';
import { deleteVisits, lastDoses, upsertVisits, visitId, visitsBetween, type StoredVisit } from '../db/queries/visits.ts';
import type { Db } from '../db/schema.ts';
import { publishedHotspots } from './hotspots.ts';
import type { StoredFix } from './ingest.ts';
import type { LiveFleet } from './live-fleet.ts';
import { VisitTimers } from './visit-timer.ts';

/** How far back an engine is rebuilt from stored fixes (the engine folds late fixes within 2 h). */
const REBUILD_MS = 2 * 3600_000;
/**
 * Late fixes are folded in memory only among each officer's latest 30 fixes (with the 30 s reorder
 * window, a minute at 1 Hz; 5 minutes at the 5 s rate near hot spots): 5,000 officers at 1 Hz
 * would otherwise hold 36 million fixes (~240 bytes each). A phone's outbox sends its queue oldest
 * first, so a fix is rarely late at all; one older than that is folded by recomputing the officer
 * from the stored fixes (rebuildFrom).
 */
const ENGINE_OPTIONS = { historyMaxFixes: 30, keepVisits: false };

/** Only what the engine reads, so the fixes it holds carry no officer, source or row fields. */
const engineFix = (f: { id: string; t: number; lat: number; lon: number; accuracy: number; speed?: number | null; heading?: number | null }, quality: StoredFix['quality'], receivedAt: number): PresenceFix => ({
	id: f.id,
	t: f.t,
	lat: f.lat,
	lon: f.lon,
	accuracy: f.accuracy,
	speed: f.speed,
	heading: f.heading,
	quality,
	receivedAt
});
const NEAREST = 3;

interface HotspotLive {
	hotspot: Hotspot;
	lastDoseAt: number | null;
	/** officers with an open visit here → its start */
	present: Map<number, number>;
	status: HotspotStatus | null;
	nextCheck: number;
	gap: boolean;
}

export interface PresenceDeps {
	db: Db;
	bus: Bus;
	now: () => number;
	fleet: LiveFleet;
	/** told of every batch the engines have applied (the metrics' presence lag) */
	onApplied?: (fixes: StoredFix[]) => void;
}

/**
 * Where this node's engine stands in a cluster. `solo`: no Redis, it sees every fix. `leader`: it
 * holds the presence lease and reads every node's fixes from the Redis stream. `follower`: another
 * node runs the engines; statuses are that node's, forwarded. `local`: Redis is unreachable, so
 * each node runs engines for the fixes it receives itself until Redis is back.
 */
export type PresenceRole = 'solo' | 'leader' | 'follower' | 'local';

export class PresenceService {
	private readonly deps: PresenceDeps;
	private role: PresenceRole = 'solo';
	/** a follower's copy of the leader's statuses */
	private remote = new Map<number, HotspotStatus>();
	private engines = new Map<number, OfficerPresence>();
	private index: HotspotIndex = new HotspotIndex([]);
	private setId: number | null = null;
	private targetMs = 4 * 3600_000;
	private live = new Map<number, HotspotLive>();
	private dirty = new Map<string, StoredVisit>();
	private removed = new Set<string>();
	private queue: Promise<void> = Promise.resolve();
	private timer: ReturnType<typeof setInterval> | null = null;
	private unsubscribe: (() => void)[] = [];
	/** officers recomputed from storage because a fix came later than their engine holds */
	rebuilds = 0;
	/** what each officer's phone shows as its visit timer (visit-timer.ts) */
	private timers = new VisitTimers((h) => this.hotspotName(h));

	constructor(deps: PresenceDeps) {
		this.deps = deps;
	}

	async start(): Promise<void> {
		await this.loadSet();
		this.unsubscribe.push(
			this.deps.bus.subscribe('hotspots:published', () => this.enqueue(() => this.loadSet(true))),
			this.deps.bus.subscribe('duty:changed', ({ officer, onDuty }) => {
				if (!onDuty) this.enqueue(async () => this.closeOfficer(officer));
			}),
			this.deps.bus.subscribe('hotspots:status', (list, { remote }) => {
				if (remote && this.role === 'follower') for (const st of list) this.remote.set(st.hotspot, st);
			})
		);
		this.timer = setInterval(() => this.enqueue(() => this.tick()), 1000);
	}

	get currentRole(): PresenceRole {
		return this.role;
	}

	/**
	 * Takes up a role. Engines are dropped on every change: they rebuild from the stored fixes
	 * (the record) as each officer's next fix arrives, so nothing another node saw is missed.
	 */
	setRole(role: PresenceRole, remoteStatuses: HotspotStatus[] = []): Promise<void> {
		return this.enqueue(async () => {
			if (role === 'follower') this.remote = new Map(remoteStatuses.map((x) => [x.hotspot, x]));
			if (role === this.role) return;
			this.role = role;
			await this.flush();
			await this.resetEngines();
		});
	}

	/** The leader's path: fixes read from the stream; resolves once applied (then they are acked). */
	apply(fixes: StoredFix[]): Promise<void> {
		return this.enqueue(() => this.applyFixes(fixes));
	}

	private async resetEngines(): Promise<void> {
		this.engines.clear();
		const doses = await lastDoses(this.deps.db, [...this.live.keys()]);
		for (const l of this.live.values()) {
			l.present.clear();
			l.lastDoseAt = doses.get(l.hotspot.id) ?? null;
			l.status = null;
			l.gap = false;
			l.nextCheck = 0;
		}
		if (this.role !== 'follower') this.refresh(true);
	}

	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		for (const u of this.unsubscribe) u();
		await this.queue;
		await this.flush();
	}

	/** Called after fixes are committed; work runs in order on one queue, never blocking the ack. */
	onStored(fixes: StoredFix[]): void {
		if (this.role === 'follower') return;
		this.enqueue(() => this.applyFixes(fixes));
	}

	/** Resolves when everything queued so far has been applied and written. */
	async settle(): Promise<void> {
		await this.queue;
		await this.enqueue(async () => {
			this.advanceAll();
			this.refresh(true);
			await this.flush();
		});
	}

	statuses(): HotspotStatus[] {
		if (this.role === 'follower') return [...this.remote.values()];
		return [...this.live.values()].map((l) => l.status).filter((s): s is HotspotStatus => s !== null);
	}

	/** The officer's open visits as their engine has them now; null when this node runs no engine for them. */
	current(officer: number): CurrentVisit[] | null {
		if (this.role === 'follower') return null;
		return this.engines.get(officer)?.current() ?? null;
	}

	hotspotName(hotspot: number): string | null {
		return this.live.get(hotspot)?.hotspot.name ?? null;
	}

	modeOf(officer: number): Mode {
		return this.engines.get(officer)?.mode ?? 'unknown';
	}

	private enqueue(work: () => Promise<void> | void): Promise<void> {
		const next = this.queue.then(work).catch((e) => console.error('presence:', e));
		this.queue = next;
		return next;
	}

	private async loadSet(force = false): Promise<void> {
		const live = await publishedHotspots(this.deps.db, this.deps.now());
		const setId = live?.set.id ?? null;
		if (!force && setId === this.setId && this.setId !== null) return;
		// visits belong to a set's hot spots: close everything open under the old set
		for (const id of [...this.engines.keys()]) this.closeOfficer(id);
		this.engines.clear();
		this.setId = setId;
		this.targetMs = (live?.set.targetIntervalS ?? 4 * 3600) * 1000;
		const hotspots = live?.hotspots ?? [];
		this.index = new HotspotIndex(hotspots.map((h) => ({ id: String(h.id), polygon: h.polygon })));
		const doses = await lastDoses(this.deps.db, hotspots.map((h) => h.id));
		this.live = new Map(hotspots.map((h) => [h.id, { hotspot: h, lastDoseAt: doses.get(h.id) ?? null, present: new Map(), status: null, nextCheck: 0, gap: false }]));
		this.refresh(true);
	}

	/** The officer's engine; a new one is rebuilt from the record, and `seeded` names the stored fixes it already took. */
	private async engineFor(officer: number, firstFixT: number, seeded: Set<string>): Promise<OfficerPresence> {
		let engine = this.engines.get(officer);
		if (engine) return engine;
		engine = new OfficerPresence(String(officer), this.index, ENGINE_OPTIONS);
		this.engines.set(officer, engine);
		// rebuild from the record: earlier fixes of this duty, so a restart loses nothing
		const since = this.rebuildSince(officer, firstFixT);
		const history = await fixesBetween(this.deps.db, officer, since, firstFixT + 60_000);
		for (const f of history) {
			engine.push(engineFix(f, f.quality as StoredFix['quality'], f.received_at));
			if (f.t >= firstFixT) seeded.add(f.id);
		}
		this.handle(officer, engine.advance(firstFixT), true);
		return engine;
	}

	private rebuildSince(officer: number, t: number): number {
		return Math.max(t - REBUILD_MS, (this.deps.fleet.get(officer)?.onDutySince ?? 0) - 60_000);
	}

	/**
	 * A fix older than what the engine holds (a phone uploading a long queue at a high rate): the
	 * officer's visits from 2 h before it are computed again from every stored fix — the late one
	 * is already committed — and replace the ones stored; nothing of it is raised live.
	 */
	private async rebuildFrom(officer: number, lateT: number): Promise<void> {
		const now = this.deps.now();
		const since = this.rebuildSince(officer, lateT);
		for (const v of await visitsBetween(this.deps.db, since, Number.MAX_SAFE_INTEGER, { officer })) if (v.start >= since) this.removed.add(v.id);
		for (const [id, v] of this.dirty) {
			if (v.officer !== officer || v.start < since) continue;
			this.dirty.delete(id);
			this.removed.add(id);
		}
		for (const live of this.live.values()) live.present.delete(officer);
		const engine = new OfficerPresence(String(officer), this.index, ENGINE_OPTIONS);
		this.engines.set(officer, engine);
		for (const f of await fixesBetween(this.deps.db, officer, since, now + 24 * 3600_000)) engine.push(engineFix(f, f.quality as StoredFix['quality'], f.received_at));
		this.handle(officer, engine.advance(now), true);
		this.rebuilds++;
	}

	private async applyFixes(fixes: StoredFix[]): Promise<void> {
		const byOfficer = new Map<number, StoredFix[]>();
		for (const f of fixes) {
			const list = byOfficer.get(f.officerId);
			if (list) list.push(f);
			else byOfficer.set(f.officerId, [f]);
		}
		const now = this.deps.now();
		for (const [officer, list] of byOfficer) {
			// the batch's own fixes are already stored: a new engine may have taken them from the record
			const seeded = new Set<string>();
			const engine = await this.engineFor(officer, Math.min(...list.map((f) => f.t)), seeded);
			let tooLate = Infinity;
			for (const f of list) {
				if (seeded.has(f.id)) continue;
				if (engine.push(engineFix(f, f.quality, f.receivedAt)) === 'too-late') tooLate = Math.min(tooLate, f.t);
			}
			this.handle(officer, engine.advance(now), false);
			if (tooLate < Infinity) await this.rebuildFrom(officer, tooLate);
		}
		this.deps.onApplied?.(fixes);
	}

	private tick(): Promise<void> {
		if (this.role === 'follower') return Promise.resolve();
		this.advanceAll();
		this.refresh(false);
		return this.flush();
	}

	private advanceAll(): void {
		const now = this.deps.now();
		for (const [officer, engine] of this.engines) this.handle(officer, engine.advance(now), false);
	}

	private closeOfficer(officer: number): void {
		const engine = this.engines.get(officer);
		if (!engine) return;
		this.handle(officer, engine.close(), false);
		this.engines.delete(officer);
	}

	private handle(officer: number, events: PresenceEvent[], replay: boolean): void {
		if (events.length === 0 && !this.timers.watching(officer)) return;
		const now = this.deps.now();
		const ended = new Map<string, VisitRecord>();
		for (const e of events) {
			if (e.type === 'visit-started' || e.type === 'visit-updated' || e.type === 'visit-ended') {
				const v = this.store(officer, e.visit);
				const live = this.live.get(v.hotspot);
				if (live) {
					if (e.type === 'visit-ended') live.present.delete(officer);
					else live.present.set(officer, v.start);
					if (v.dose && !v.open) live.lastDoseAt = Math.max(live.lastDoseAt ?? 0, v.end);
					live.nextCheck = 0;
				}
				if (e.type === 'visit-ended') ended.set(e.visit.hotspot, e.visit);
			} else if (e.type === 'visits-revised') {
				for (const r of e.removed) {
					const id = visitId(officer, r.hotspot, r.start);
					this.dirty.delete(id);
					this.removed.add(id);
				}
				for (const v of [...e.added, ...e.open]) this.store(officer, v);
				for (const v of e.added) {
					const live = this.live.get(Number(v.hotspot));
					if (live && v.dose) live.lastDoseAt = Math.max(live.lastDoseAt ?? 0, v.end);
				}
			} else if (e.type === 'mode-changed') {
				this.deps.bus.publish('officer:mode', { officer, mode: e.mode });
			}
		}
		// the phone's timer follows the engine's current visit, late folds included (docs/presence.md, The current visit)
		for (const update of this.timers.diff(officer, this.engines.get(officer)?.current() ?? [], ended, now)) this.deps.bus.publish('presence:update', { officer, update });
	}

	private store(officer: number, v: VisitRecord): StoredVisit {
		const hotspot = Number(v.hotspot);
		const stored: StoredVisit = {
			id: visitId(officer, hotspot, v.start),
			officer,
			hotspot,
			start: v.start,
			end: v.end,
			minutes: v.minutes,
			unknownMinutes: v.unknownMinutes,
			mode: v.mode,
			stops: v.stops,
			dose: v.dose,
			open: v.open,
			inside: v.inside,
			unknown: v.unknown,
			modeMs: v.modeMs
		};
		this.removed.delete(stored.id);
		this.dirty.set(stored.id, stored);
		return stored;
	}

	private async flush(): Promise<void> {
		if (this.dirty.size === 0 && this.removed.size === 0) return;
		const upserts = [...this.dirty.values()];
		const deletes = [...this.removed];
		this.dirty.clear();
		this.removed.clear();
		await this.deps.db.transaction().execute(async (tx) => {
			await deleteVisits(tx, deletes);
			await upsertVisits(tx, upserts, this.deps.now());
		});
	}

	/** Recomputes coverage where something changed or a deadline passed; publishes the changes. */
	private refresh(all: boolean): void {
		// a follower shows the leader's statuses; its own would contradict them
		if (this.role === 'follower') return;
		const now = this.deps.now();
		const changed: HotspotStatus[] = [];
		for (const live of this.live.values()) {
			if (!all && now < live.nextCheck) continue;
			const c = coverage({ windows: live.hotspot.windows, targetMs: this.targetMs, lastDoseAt: live.lastDoseAt, present: live.present.size }, now);
			live.nextCheck = nextCheck(c, now, live.hotspot.windows);
			const status: HotspotStatus = {
				hotspot: live.hotspot.id,
				state: c.state,
				present: [...live.present.keys()],
				presentSince: live.present.size ? Math.min(...live.present.values()) : null,
				lastDoseAt: live.lastDoseAt,
				dueAt: c.dueAt
			};
			if (!sameStatus(live.status, status)) {
				changed.push(status);
				if (c.state === 'gap' && !live.gap) this.deps.bus.publish('gap:opened', this.gapAlert(live, c));
				if (c.state !== 'gap' && live.gap) this.deps.bus.publish('gap:closed', { hotspot: live.hotspot.id, at: now });
				live.gap = c.state === 'gap';
			}
			live.status = status;
		}
		if (changed.length) this.deps.bus.publish('hotspots:status', changed);
	}

	private gapAlert(live: HotspotLive, c: Coverage): GapAlert {
		const busy = new Set<number>();
		for (const l of this.live.values()) for (const o of l.present.keys()) busy.add(o);
		const nearest = this.deps.fleet
			.list()
			.filter((o) => o.last && !busy.has(o.officer))
			.map((o) => ({ officer: o.officer, callsign: o.callsign, metres: Math.round(haversine([o.last!.lon, o.last!.lat], live.hotspot.centroid)) }))
			.sort((a, b) => a.metres - b.metres)
			.slice(0, NEAREST);
		return { hotspot: live.hotspot.id, name: live.hotspot.name, since: c.dueAt ?? this.deps.now(), nearest };
	}
}

function nextCheck(c: Coverage, now: number, windows: Hotspot['windows']): number {
	// a hot spot going live must show at once, not at the next minute's sweep
	if (c.state === 'not-live') return Math.min(now + 60_000, nextWindowStart(windows, now) ?? Infinity);
	const deadlines = [c.dueAt, c.windowEnd].filter((t): t is number => t !== null && t > now);
	return Math.min(now + 60_000, ...deadlines);
}

function sameStatus(a: HotspotStatus | null, b: HotspotStatus): boolean {
	return (
		a !== null &&
		a.state === b.state &&
		a.lastDoseAt === b.lastDoseAt &&
		a.dueAt === b.dueAt &&
		a.presentSince === b.presentSince &&
		a.present.length === b.present.length &&
		a.present.every((x, i) => x === b.present[i])
	);
}
