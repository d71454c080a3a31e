// The live side of the presence engine: every stored fix it is given goes through its officer's
// engine; visits are written (batched, once a second, presence-visits.ts), the officer's phone
// gets its timer, and each hot spot's coverage is kept current for the control room
// (presence-coverage.ts). Engines are rebuilt from stored fixes when an officer is first seen
// after a start or a restart, so nothing here is the record — the fixes table is. Which fixes
// arrive here, and whether this node computes coverage at all, is decided by whoever delivers
// them (the fix router, docs/architecture.md); this service knows only what it is handed.
import { HotspotIndex } from '../../domain/presence/hotspot-index.ts';
import { OfficerPresence } from '../../domain/presence/officer-presence.ts';
import type { CurrentVisit, PresenceEvent, PresenceFix, VisitRecord } from '../../domain/presence/types.ts';
import type { HotspotStatus, StoredFix } from '../../realtime/contract.ts';
import { fixesBetween } from '../db/queries/fixes.ts';
import { lastDoses } from '../db/queries/visits.ts';
import type { BusDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';
import { CoverageBoard, type OnDutyOfficers } from './presence-coverage.ts';
import { PendingVisits } from './presence-visits.ts';
import { VisitTimers } from './visit-timer.ts';

export type { OnDutyOfficers } from './presence-coverage.ts';

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
const engineFix = (f: StoredFix): PresenceFix => ({
	id: f.id,
	t: f.t,
	lat: f.lat,
	lon: f.lon,
	accuracy: f.accuracy,
	speed: f.speed,
	heading: f.heading,
	quality: f.quality,
	receivedAt: f.receivedAt
});

export interface PresenceDeps extends BusDeps {
	/** on duty since when, and where last: the live fleet, seen through the two reads presence makes */
	officers: OnDutyOfficers;
	/** told of every batch the engines have applied (the metrics' presence lag) */
	onApplied?: (fixes: StoredFix[]) => void;
}

export class PresenceService {
	private readonly deps: PresenceDeps;
	/** false: coverage is computed elsewhere; this service holds no engines and publishes nothing */
	private running = true;
	private engines = new Map<number, OfficerPresence>();
	private index: HotspotIndex = new HotspotIndex([]);
	private setId: number | null = null;
	private readonly board: CoverageBoard;
	private readonly visits: PendingVisits;
	private queue: Promise<void> = Promise.resolve();
	private timer: ReturnType<typeof setInterval> | null = null;
	private unsubscribe: (() => void)[] = [];
	/** officers recomputed from storage because a fix came later than their engine holds */
	rebuilds = 0;
	/** what each officer's phone shows as its visit timer (visit-timer.ts) */
	private timers = new VisitTimers((h) => this.hotspotName(h));

	constructor(deps: PresenceDeps) {
		this.deps = deps;
		this.board = new CoverageBoard(deps);
		this.visits = new PendingVisits(deps);
	}

	async start(): Promise<void> {
		await this.loadSet();
		this.unsubscribe.push(
			this.deps.bus.subscribe('hotspots:published', () => this.enqueue(() => this.loadSet(true))),
			this.deps.bus.subscribe('duty:changed', ({ officer, onDuty }) => {
				if (!onDuty) this.enqueue(async () => this.closeOfficer(officer));
			})
		);
		this.timer = setInterval(() => this.enqueue(() => this.tick()), 1000);
	}

	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		for (const u of this.unsubscribe) u();
		await this.queue;
		await this.visits.flush();
	}

	/**
	 * Applies committed fixes, in order with everything else on one queue; resolves once they are
	 * applied (a caller that must confirm delivery waits for it; the ack never does).
	 */
	apply(fixes: StoredFix[]): Promise<void> {
		return this.enqueue(() => this.applyFixes(fixes));
	}

	/**
	 * Drops every engine: each rebuilds from the stored fixes (the record) when its officer's next
	 * fix arrives, so nothing applied elsewhere meanwhile is missed. With `running` false it then
	 * stays idle — no ticks, no statuses — until restarted running.
	 */
	restart(running: boolean): Promise<void> {
		return this.enqueue(async () => {
			this.running = running;
			await this.visits.flush();
			this.engines.clear();
			this.board.reset(await lastDoses(this.deps.db, this.board.hotspotIds()));
			this.publishCoverage(true);
		});
	}

	/** Resolves when everything queued so far has been applied and written. */
	async settle(): Promise<void> {
		await this.queue;
		await this.enqueue(async () => {
			this.advanceAll();
			this.publishCoverage(true);
			await this.visits.flush();
		});
	}

	/** This service's hot spot statuses (none while idle). */
	statuses(): HotspotStatus[] {
		return this.running ? this.board.statuses() : [];
	}

	/** The officer's open visits as their engine has them now; null when this node runs no engine for them. */
	current(officer: number): CurrentVisit[] | null {
		return this.running ? (this.engines.get(officer)?.current() ?? null) : null;
	}

	hotspotName(hotspot: number): string | null {
		return this.board.name(hotspot);
	}

	private enqueue(work: () => Promise<void> | void): Promise<void> {
		const next = this.queue.then(work).catch((e) => console.error('presence:', e));
		this.queue = next;
		return next;
	}

	private publishCoverage(all: boolean): void {
		if (this.running) this.board.refresh(all);
	}

	private async loadSet(force = false): Promise<void> {
		const live = await publishedHotspots(this.deps.db, this.deps.now());
		const setId = live?.set.id ?? null;
		if (!force && setId === this.setId && this.setId !== null) return;
		// visits belong to a set's hot spots: close everything open under the old set
		for (const id of [...this.engines.keys()]) this.closeOfficer(id);
		this.engines.clear();
		this.setId = setId;
		const hotspots = live?.hotspots ?? [];
		this.index = new HotspotIndex(hotspots.map((h) => ({ id: String(h.id), polygon: h.polygon })));
		const doses = await lastDoses(this.deps.db, hotspots.map((h) => h.id));
		this.board.load(hotspots, (live?.set.targetIntervalS ?? 4 * 3600) * 1000, doses);
		this.publishCoverage(true);
	}

	/** The officer's engine; a new one is rebuilt from the record, and `seeded` names the stored fixes it already took. */
	private async engineFor(officer: number, firstFixT: number, seeded: Set<string>): Promise<OfficerPresence> {
		let engine = this.engines.get(officer);
		if (engine) return engine;
		engine = new OfficerPresence(String(officer), this.index, ENGINE_OPTIONS);
		this.engines.set(officer, engine);
		// rebuild from the record: earlier fixes of this duty, so a restart loses nothing
		const since = this.rebuildSince(officer, firstFixT);
		for (const f of await fixesBetween(this.deps.db, officer, since, firstFixT + 60_000)) {
			engine.push(engineFix(f));
			if (f.t >= firstFixT) seeded.add(f.id);
		}
		this.handle(officer, engine.advance(firstFixT), true);
		return engine;
	}

	private rebuildSince(officer: number, t: number): number {
		return Math.max(t - REBUILD_MS, (this.deps.officers.get(officer)?.onDutySince ?? 0) - 60_000);
	}

	/**
	 * A fix older than what the engine holds (a phone uploading a long queue at a high rate): the
	 * officer's visits from 2 h before it are computed again from every stored fix — the late one
	 * is already committed — and replace the ones stored; nothing of it is raised live.
	 */
	private async rebuildFrom(officer: number, lateT: number): Promise<void> {
		const now = this.deps.now();
		const since = this.rebuildSince(officer, lateT);
		await this.visits.removeSince(officer, since);
		this.board.forget(officer);
		const engine = new OfficerPresence(String(officer), this.index, ENGINE_OPTIONS);
		this.engines.set(officer, engine);
		for (const f of await fixesBetween(this.deps.db, officer, since, now + 24 * 3600_000)) engine.push(engineFix(f));
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
				if (engine.push(engineFix(f)) === 'too-late') tooLate = Math.min(tooLate, f.t);
			}
			this.handle(officer, engine.advance(now), false);
			if (tooLate < Infinity) await this.rebuildFrom(officer, tooLate);
		}
		this.deps.onApplied?.(fixes);
	}

	private tick(): Promise<void> {
		if (!this.running) return Promise.resolve();
		this.advanceAll();
		this.publishCoverage(false);
		return this.visits.flush();
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
				const v = this.visits.store(officer, e.visit);
				this.board.visit(officer, v, e.type === 'visit-ended');
				if (e.type === 'visit-ended') ended.set(e.visit.hotspot, e.visit);
			} else if (e.type === 'visits-revised') {
				for (const r of e.removed) this.visits.remove(officer, r.hotspot, r.start);
				for (const v of [...e.added, ...e.open]) this.visits.store(officer, v);
				for (const v of e.added) if (v.dose) this.board.dosed(Number(v.hotspot), v.end);
			} else if (e.type === 'mode-changed') {
				this.deps.bus.publish('officer:mode', { officer, mode: e.mode });
			}
		}
		// the phone's timer follows the engine's current visit, late folds included (docs/presence.md, The current visit)
		for (const update of this.timers.diff(officer, this.engines.get(officer)?.current() ?? [], ended, now)) this.deps.bus.publish('presence:update', { officer, update });
	}
}
