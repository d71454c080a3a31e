// The live presence engine for one officer (DESIGN.md rule 7). Fixes come in any order; each is
// held for the 30 s reorder window and applied in device-time order by advance(now). A fix older
// than what was already applied is "late": it is folded in by rewinding to a snapshot of the
// engine taken before it and replaying, and the result is one 'visits-revised' event marked late
// (no live alerts). Snapshots are taken every 5 minutes of device time (and every
// historyMaxFixes / 2 fixes) and kept for `historyMs` and at most `historyMaxFixes` fixes; a fix
// older than that is refused as 'too-late' (recompute from storage).
//
// Usage: push(fix) as fixes arrive; advance(now) on a timer (and after pushes) to apply what is
// due and collect events; close() at end of duty. The clock is always an argument.
import { byDeviceTime, byStart } from './detect-visits.ts';
import type { HotspotIndex } from './hotspot-index.ts';
import { OfficerCore, type OfficerSummary } from './officer-core.ts';
import { presenceOptions, type CurrentVisit, type Mode, type PresenceEvent, type PresenceFix, type PresenceOptions, type VisitRecord } from './types.ts';

export type PushStatus = 'buffered' | 'duplicate' | 'late' | 'too-late';

interface Snapshot {
	/** state after history[0 .. index) */
	index: number;
	t: number;
	core: OfficerCore;
	closed: number;
}

const NO_EVENTS: PresenceEvent[] = [];
const ignore = () => {};

export class OfficerPresence {
	readonly officer: string;
	private readonly o: PresenceOptions;
	private core: OfficerCore;
	/** fixes waiting out the reorder window, sorted, from `head` on, with their times beside them */
	private buffer: PresenceFix[] = [];
	private bufferT: number[] = [];
	/** when each was received, or its device time */
	private bufferR: number[] = [];
	private head = 0;
	/** the last fix applied (device-time order), as plain fields */
	private lastT = -Infinity;
	private lastId = '';
	private maxSeenT = -Infinity;
	/** device times at which the next snapshot is due and the oldest one can go */
	private nextSnapT = -Infinity;
	private trimAtT = Infinity;
	private history: PresenceFix[] = [];
	private snaps: Snapshot[] = [];
	private closed: VisitRecord[] = [];
	private outbox: PresenceEvent[] = [];
	/** a silence closure that fixes arriving later may undo: the engine before it */
	private beforeSilence: { core: OfficerCore; closed: number; lastT: number } | null = null;
	private readonly emit = (e: PresenceEvent) => {
		if (e.type === 'visit-ended') this.closed.push(e.visit);
		this.outbox.push(e);
	};

	constructor(officer: string, index: HotspotIndex, opts: Partial<PresenceOptions> = {}) {
		this.officer = officer;
		this.o = presenceOptions(opts);
		this.core = new OfficerCore(officer, index, this.o, this.emit);
	}

	/** Final visits so far, in start order (they close in end order). */
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

	/** Fixes held for folding late arrivals, and snapshots: what this officer costs in memory. */
	get held(): { fixes: number; snapshots: number } {
		return { fixes: this.history.length + this.buffer.length, snapshots: this.snaps.length };
	}

	/**
	 * A resent fix has the same id and device time as the first copy, so duplicates are looked for
	 * among fixes at the same time only: no per-officer set of every id.
	 */
	private isDuplicate(fix: PresenceFix): boolean {
		const bt = this.bufferT;
		for (let i = this.head; i < bt.length; i++) if (bt[i] === fix.t && this.buffer[i].id === fix.id) return true;
		if (fix.t > this.lastT) return false;
		const h = this.history;
		let lo = 0;
		let hi = h.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (h[mid].t < fix.t) lo = mid + 1;
			else hi = mid;
		}
		for (let i = lo; i < h.length && h[i].t === fix.t; i++) if (h[i].id === fix.id) return true;
		return false;
	}

	push(fix: PresenceFix): PushStatus {
		if (this.isDuplicate(fix)) return 'duplicate';
		if (fix.t < this.lastT || (fix.t === this.lastT && fix.id < this.lastId)) return this.fold(fix);
		const b = this.buffer;
		const bt = this.bufferT;
		const br = this.bufferR;
		let i = b.length;
		b.push(fix);
		bt.push(fix.t);
		br.push(fix.receivedAt ?? fix.t);
		for (; i > this.head && (bt[i - 1] > fix.t || (bt[i - 1] === fix.t && byDeviceTime(b[i - 1], fix) > 0)); i--) {
			b[i] = b[i - 1];
			bt[i] = bt[i - 1];
			br[i] = br[i - 1];
		}
		b[i] = fix;
		bt[i] = fix.t;
		br[i] = fix.receivedAt ?? fix.t;
		if (fix.t > this.maxSeenT) this.maxSeenT = fix.t;
		return 'buffered';
	}

	/**
	 * Applies buffered fixes that have waited out the reorder window (received ≥ 30 s ago, or
	 * 30 s of device time older than the newest fix), closes open visits after a long silence,
	 * and returns the events since the last call.
	 */
	advance(now: number): PresenceEvent[] {
		const b = this.buffer;
		const bt = this.bufferT;
		const br = this.bufferR;
		let cut = -1;
		for (let i = this.head; i < b.length; i++) {
			if (br[i] <= now - this.o.reorderMs || bt[i] <= this.maxSeenT - this.o.reorderMs) cut = i;
		}
		for (let i = this.head; i <= cut; i++) this.applyInOrder(b[i]);
		if (cut >= 0) this.head = cut + 1;
		if (this.head === b.length) {
			b.length = bt.length = br.length = 0;
			this.head = 0;
		} else if (this.head > 16) {
			this.buffer = b.slice(this.head);
			this.bufferT = bt.slice(this.head);
			this.bufferR = br.slice(this.head);
			this.head = 0;
		}
		const lastT = this.core.lastUsableT;
		if (lastT !== null && !this.beforeSilence && now - lastT > this.o.silenceMs && this.buffer.length === 0 && this.core.hasOpenVisits()) {
			this.beforeSilence = { core: this.core.clone(ignore), closed: this.closed.length, lastT };
			this.core.closeVisits();
		}
		return this.take();
	}

	/** End of duty or of a replayed file: applies everything buffered and closes open visits. */
	close(): PresenceEvent[] {
		for (let i = this.head; i < this.buffer.length; i++) this.applyInOrder(this.buffer[i]);
		this.buffer = [];
		this.bufferT = [];
		this.bufferR = [];
		this.head = 0;
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

	private applyInOrder(f: PresenceFix): void {
		const late = f.receivedAt !== undefined && f.receivedAt - f.t > this.o.reorderMs;
		if (this.beforeSilence) {
			const s = this.beforeSilence;
			this.beforeSilence = null;
			if (f.t - s.lastT <= this.o.silenceMs && this.core.quality(f) === 'ok') {
				// the silence was only on the server's side (a phone uploading what it queued): reopen
				const removed = this.closed.splice(s.closed);
				this.core = s.core.clone(this.emit);
				this.outbox.push({ type: 'visits-revised', officer: this.officer, removed, added: [], open: this.core.openVisits(), late: true });
			}
		}
		this.record(f);
		this.core.apply(f, late);
	}

	/** Keeps the fix for replays, with a snapshot before it every snapshotEveryMs of device time. */
	private record(f: PresenceFix): void {
		const s = this.snaps;
		if (f.t >= this.nextSnapT || (s.length > 0 && this.history.length - s[s.length - 1].index >= this.o.historyMaxFixes / 2)) {
			this.snaps.push({ index: this.history.length, t: f.t, core: this.core.clone(ignore), closed: this.closed.length });
			this.nextSnapT = f.t + this.o.snapshotEveryMs;
			this.trimAtT = this.snaps.length >= 2 ? this.snaps[1].t + this.o.historyMs : Infinity;
		}
		this.history.push(f);
		this.lastT = f.t;
		this.lastId = f.id;
		if ((f.t >= this.trimAtT || this.history.length > this.o.historyMaxFixes) && s.length >= 2) {
			const drop = s[1].index;
			this.history = this.history.slice(drop);
			s.shift();
			for (const x of s) x.index -= drop;
			this.trimAtT = s.length >= 2 ? s[1].t + this.o.historyMs : Infinity;
		}
	}

	private fold(fix: PresenceFix): PushStatus {
		let p = this.history.length;
		while (p > 0 && byDeviceTime(this.history[p - 1], fix) > 0) p--;
		let k = this.snaps.length - 1;
		while (k >= 0 && this.snaps[k].index > p) k--;
		// before the oldest snapshot, which already holds fixes that were trimmed from history
		if (k < 0 || (p === 0 && this.snaps[0].core.fixes > 0)) return 'too-late';
		this.history.splice(p, 0, fix);
		const snap = this.snaps[k];
		const openBefore = this.core.openVisits();
		const removed = this.closed.splice(snap.closed);
		const added: VisitRecord[] = [];
		// live events are not replayed; visits that end go straight to the record, so snapshots
		// retaken during the replay count them
		this.core = snap.core.clone((e) => {
			if (e.type !== 'visit-ended') return;
			added.push(e.visit);
			this.closed.push(e.visit);
		});
		this.beforeSilence = null;
		const replay = this.history.slice(snap.index);
		this.history.length = snap.index;
		this.snaps.length = k + 1;
		this.nextSnapT = snap.t + this.o.snapshotEveryMs;
		this.trimAtT = k >= 1 ? this.snaps[1].t + this.o.historyMs : Infinity;
		for (const f of replay) {
			this.record(f);
			this.core.apply(f, true);
		}
		this.core.sink = this.emit;
		const last = this.history[this.history.length - 1];
		this.lastT = last.t;
		this.lastId = last.id;
		const open = this.core.openVisits();
		if (JSON.stringify([removed, openBefore]) !== JSON.stringify([added, open])) {
			this.outbox.push({ type: 'visits-revised', officer: this.officer, removed, added, open, late: true });
		}
		return 'late';
	}
}
