// The live presence engine for one officer (rule 7). Fixes come in any order; each is held for
// the 30 s reorder window and applied in device-time order by advance(now). A fix older than
// what was already applied is "late": it is folded in by restoring a snapshot of the engine taken
// before it and replaying, and the result is one 'visits-revised' event marked late (no live
// alerts). Snapshots are taken every 5 minutes of device time and every historyMaxFixes / 2
// fixes, and history is kept for `historyMs` and at most `historyMaxFixes` fixes; a fix older
// than that is refused as 'too-late' (the caller recomputes from storage).
//
// Memory is what limits a node (issue [5/6]): the fixes held are rows of an array of unboxed doubles
// (fix-rows.ts) and snapshots are numbers in reused buffers (state-buffer.ts), so an officer
// costs a few kilobytes whatever the length of the shift, and applying a fix allocates nothing
// that outlives it.
//
// Usage: push(fix) as fixes arrive; advance(now) on a timer (and after pushes) to apply what is
// due and collect events; close() at end of duty. The clock is always an argument.
import { byStart } from './detect-visits.ts';
import { FixRows, hashId } from './fix-rows.ts';
import type { HotspotIndex } from './hotspot-index.ts';
import { OfficerCore, type OfficerSummary } from './officer-core.ts';
import { StateBuffer } from './state-buffer.ts';
import { presenceOptions, type CurrentVisit, type Mode, type PresenceEvent, type PresenceFix, type PresenceOptions, type VisitRecord } from './types.ts';

export type PushStatus = 'buffered' | 'duplicate' | 'late' | 'too-late';

interface Snapshot {
	/** the state before row `index` was applied */
	index: number;
	t: number;
	/** closed visits then, and fixes the core had taken */
	closed: number;
	fixes: number;
	state: StateBuffer;
}

const NO_EVENTS: PresenceEvent[] = [];
const LAST_T = 0;
const MAX_SEEN_T = 1;
const NEXT_SNAP_T = 2;
const TRIM_AT_T = 3;

export class OfficerPresence {
	readonly officer: string;
	private readonly o: PresenceOptions;
	private readonly core: OfficerCore;
	/** rows [0, applied) are the applied history, rows [applied, n) the reorder buffer */
	private readonly rows = new FixRows();
	private applied = 0;
	private lastId = '';
	/**
	 * Device times as one array of unboxed doubles, not fields (each a heap number and a likely
	 * cache miss with thousands of officers in turn): the last fix applied (device-time order),
	 * the newest seen, when the next snapshot is due and when the oldest one can go.
	 */
	private readonly times: number[] = [-Infinity, -Infinity, -Infinity, Infinity];
	private snaps: Snapshot[] = [];
	private spare: Snapshot[] = [];
	private closed: VisitRecord[] = [];
	private outbox: PresenceEvent[] = [];
	/** a silence closure that fixes arriving later may undo: the engine before it */
	private beforeSilence: { state: StateBuffer; closed: number; lastT: number } | null = null;
	/** visit-ended events the phone already had from a silence closure, to record but not repeat */
	private muted = 0;
	private readonly emit = (e: PresenceEvent) => {
		if (e.type === 'visit-ended') {
			this.closed.push(e.visit);
			if (this.muted > 0) {
				this.muted--;
				return;
			}
		}
		this.outbox.push(e);
	};

	constructor(officer: string, index: HotspotIndex, opts: Partial<PresenceOptions> = {}) {
		this.officer = officer;
		this.o = presenceOptions(opts);
		this.core = new OfficerCore(officer, index, this.o, this.emit);
	}

	/** Final visits so far, in start order; with keepVisits false only those a late fix may still revise. */
	get visits(): VisitRecord[] {
		return [...this.closed].sort(byStart);
	}

	get mode(): Mode {
		return this.core.mode;
	}

	get summary(): OfficerSummary {
		return this.core.summary;
	}

	openVisits(): VisitRecord[] {
		return this.core.openVisits();
	}

	/**
	 * The open visits as the phone's timer shows them: start, minutes inside so far, and whether
	 * the latest applied fix is inside. Fixes still in the reorder window are not in it yet.
	 */
	current(): CurrentVisit[] {
		return this.core.currentVisits();
	}

	/** Fixes held for folding late arrivals and waiting in the window, and snapshots. */
	get held(): { fixes: number; snapshots: number } {
		return { fixes: this.rows.n, snapshots: this.snaps.length };
	}

	push(fix: PresenceFix): PushStatus {
		const rows = this.rows;
		const t = fix.t;
		for (let i = this.applied; i < rows.n; i++) if (rows.t(i) === t && rows.ids[i] === fix.id) return 'duplicate';
		const hash = hashId(fix.id);
		if (t <= this.times[LAST_T]) {
			const p = rows.search(t, 0, this.applied);
			let sameT = false;
			for (let i = p; i < this.applied && rows.t(i) === t; i++) {
				if (rows.hash(i) === hash) return 'duplicate';
				sameT = true;
			}
			// applied rows keep no ids, so a fix at the time of one of them cannot be put in order
			if (t < this.times[LAST_T] || fix.id < this.lastId) return sameT ? 'too-late' : this.fold(fix, p, hash);
		}
		let i = rows.n;
		while (i > this.applied && (rows.t(i - 1) > t || (rows.t(i - 1) === t && rows.ids[i - 1] > fix.id))) i--;
		rows.insert(i, fix, hash);
		if (t > this.times[MAX_SEEN_T]) this.times[MAX_SEEN_T] = t;
		return 'buffered';
	}

	/**
	 * Applies buffered fixes that have waited out the reorder window (received ≥ 30 s ago, or
	 * 30 s of device time older than the newest fix), closes open visits after a long silence,
	 * and returns the events since the last call.
	 */
	advance(now: number): PresenceEvent[] {
		const rows = this.rows;
		let cut = -1;
		for (let i = this.applied; i < rows.n; i++) {
			if (rows.received(i) <= now - this.o.reorderMs || rows.t(i) <= this.times[MAX_SEEN_T] - this.o.reorderMs) cut = i;
		}
		if (cut >= 0) this.run(this.applied, cut + 1, false);
		const lastT = this.core.lastUsableT;
		if (lastT !== null && !this.beforeSilence && now - lastT > this.o.silenceMs && this.applied === rows.n && this.core.hasOpenVisits()) {
			const state = new StateBuffer();
			this.core.save(state);
			this.beforeSilence = { state, closed: this.closed.length, lastT };
			this.core.closeVisits();
		}
		return this.take();
	}

	/** End of duty or of a replayed file: applies everything buffered and closes open visits. */
	close(): PresenceEvent[] {
		this.run(this.applied, this.rows.n, false);
		this.beforeSilence = null;
		this.core.finish();
		return this.take();
	}

	private take(): PresenceEvent[] {
		if (this.outbox.length === 0) return NO_EVENTS;
		const out = this.outbox;
		this.outbox = [];
		return out;
	}

	/**
	 * Applies rows [from, to) in order, snapshotting and trimming the history as it goes. New rows
	 * (`replay` false) advance the applied history; a replay re-applies history after a fold.
	 */
	private run(from: number, to: number, replay: boolean): void {
		const rows = this.rows;
		for (let i = from; i < to; ) {
			const t = rows.t(i);
			if (!replay && this.beforeSilence) this.undoSilence(i);
			// the trim this row makes due is done before its snapshot, so two snapshots are held, not three
			const dropped = this.trim(t, i + 1);
			i -= dropped;
			to -= dropped;
			this.snapshotBefore(i, t);
			const late = replay || rows.received(i) - t > this.o.reorderMs;
			this.core.step(t, rows.lat(i), rows.lon(i), rows.accuracy(i), rows.speed(i), rows.quality(i), late);
			i++;
			if (!replay) {
				this.times[LAST_T] = t;
				this.lastId = rows.ids[i - 1];
				rows.ids[i - 1] = '';
				this.applied = i;
			}
		}
	}

	/**
	 * The first usable fix after a silence closure settles it. Within silenceMs of the last one,
	 * the silence was only on the server's side (a phone uploading what it queued): the visits
	 * reopen. Otherwise rule 4 closes them again as this fix is applied, from the state before the
	 * closure, so that no snapshot holds a closure that a replay of the fixes would not make (a
	 * late fix in the silence must be able to keep the visit); the phone is not told twice.
	 */
	private undoSilence(i: number): void {
		const s = this.beforeSilence!;
		const rows = this.rows;
		const t = rows.t(i);
		if (!this.core.usableNext(t, rows.lat(i), rows.lon(i), rows.quality(i))) return;
		this.beforeSilence = null;
		const removed = this.closed.splice(s.closed);
		this.core.restore(s.state);
		if (t - s.lastT > this.o.silenceMs) this.muted = removed.length;
		else this.outbox.push({ type: 'visits-revised', officer: this.officer, removed, added: [], open: this.core.openVisits(), late: true });
	}

	private snapshotBefore(i: number, t: number): void {
		const s = this.snaps;
		// a snapshot holds only what the fixes made, never a closure by the clock still unsettled
		if (this.beforeSilence) return;
		if (!(t >= this.times[NEXT_SNAP_T] || (s.length > 0 && i - s[s.length - 1].index >= this.o.historyMaxFixes / 2))) return;
		const snap = this.spare.pop() ?? { index: 0, t: 0, closed: 0, fixes: 0, state: new StateBuffer() };
		snap.index = i;
		snap.t = t;
		snap.closed = this.closed.length;
		snap.fixes = this.core.fixes;
		snap.state.clear();
		this.core.save(snap.state);
		snap.state.fit();
		s.push(snap);
		this.times[NEXT_SNAP_T] = t + this.o.snapshotEveryMs;
		this.times[TRIM_AT_T] = s.length >= 2 ? s[1].t + this.o.historyMs : Infinity;
	}

	/** Drops history up to the second-oldest snapshot when it is too old or too long; returns the rows dropped. */
	private trim(t: number, held: number): number {
		const s = this.snaps;
		if (!((t >= this.times[TRIM_AT_T] || held > this.o.historyMaxFixes) && s.length >= 2)) return 0;
		const drop = s[1].index;
		this.rows.drop(drop);
		this.applied -= drop;
		this.spare.push(s.shift()!);
		for (const x of s) x.index -= drop;
		this.times[TRIM_AT_T] = s.length >= 2 ? s[1].t + this.o.historyMs : Infinity;
		if (!this.o.keepVisits && s[0].closed > 0) {
			// visits closed before the oldest snapshot can no longer be revised: the record has them
			const k = s[0].closed;
			this.closed.copyWithin(0, k);
			this.closed.length -= k;
			for (const x of s) x.closed -= k;
			if (this.beforeSilence) this.beforeSilence.closed -= k;
		}
		return drop;
	}

	private fold(fix: PresenceFix, p: number, hash: number): PushStatus {
		const s = this.snaps;
		let k = s.length - 1;
		while (k >= 0 && s[k].index > p) k--;
		// before the oldest snapshot, which already holds fixes that were trimmed from history
		if (k < 0 || (p === 0 && s[0].fixes > 0)) return 'too-late';
		this.rows.insert(p, fix, hash);
		this.rows.ids[p] = '';
		this.applied++;
		const snap = s[k];
		const openBefore = this.core.openVisits();
		const removed = this.closed.splice(snap.closed);
		const added: VisitRecord[] = [];
		// live events are not replayed; visits that end go straight to the record, so snapshots
		// retaken during the replay count them
		this.core.restore(snap.state);
		this.core.sink = (e) => {
			if (e.type !== 'visit-ended') return;
			added.push(e.visit);
			this.closed.push(e.visit);
		};
		this.beforeSilence = null;
		while (s.length > k + 1) this.spare.push(s.pop()!);
		// the replay retakes the snapshot it started from, in the same buffer
		this.spare.push(s.pop()!);
		this.times[NEXT_SNAP_T] = -Infinity;
		this.times[TRIM_AT_T] = Infinity;
		this.run(snap.index, this.applied, true);
		this.core.sink = this.emit;
		const open = this.core.openVisits();
		if (JSON.stringify([removed, openBefore]) !== JSON.stringify([added, open])) {
			this.outbox.push({ type: 'visits-revised', officer: this.officer, removed, added, open, late: true });
		}
		return 'late';
	}
}
