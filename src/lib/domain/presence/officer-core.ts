// One officer's fixes, strictly in device-time order, through every rule: usable fixes (rule 1),
// unknown intervals (rule 4), mode, stops and a visit state per hot spot nearby. Deterministic
// and cloneable, so the stream processor can rewind to a snapshot and replay late fixes, and
// the batch function is this same code run over a sorted file.
import { fixQuality, type FixQuality } from './fix.ts';
import type { HotspotIndex } from './hotspot-index.ts';
import { MotionClassifier } from './motion.ts';
import { StopDetector, type StopSink } from './stops.ts';
import type { Mode, PresenceEvent, PresenceFix, PresenceOptions, VisitRecord } from './types.ts';
import { ENDED, STARTED, visitRecord, VisitState, type OpenVisit } from './visit-state.ts';

export type Sink = (e: PresenceEvent) => void;

/** What a shift summary needs besides the visits: usable time, unknown time, time by mode. */
export interface OfficerSummary {
	officer: string;
	fixes: number;
	usable: number;
	first: number | null;
	last: number | null;
	unknownMs: number;
	modeMs: Record<Mode, number>;
}

export class OfficerCore {
	readonly officer: string;
	private readonly index: HotspotIndex;
	private readonly o: PresenceOptions;
	sink: Sink;
	private prev: PresenceFix | null = null;
	private motion: MotionClassifier;
	private stopper: StopDetector;
	private states = new Map<number, VisitState>();
	private late = false;
	private trimStopsAt = 16;
	summary: OfficerSummary;

	constructor(officer: string, index: HotspotIndex, o: PresenceOptions, sink: Sink) {
		this.officer = officer;
		this.index = index;
		this.o = o;
		this.sink = sink;
		this.motion = new MotionClassifier(o);
		this.stopper = new StopDetector(o);
		this.summary = { officer, fixes: 0, usable: 0, first: null, last: null, unknownMs: 0, modeMs: { foot: 0, vehicle: 0, unknown: 0 } };
	}

	get mode(): Mode {
		return this.motion.mode;
	}

	get lastUsable(): PresenceFix | null {
		return this.prev;
	}

	quality(f: PresenceFix): FixQuality {
		if (f.quality === 'inaccurate' || f.quality === 'future' || f.quality === 'stale') return f.quality;
		return fixQuality(f, f.receivedAt ?? f.t, this.prev ?? undefined);
	}

	/** One fix, in device-time order. `late` marks the events it causes. */
	apply(f: PresenceFix, late: boolean): void {
		this.summary.fixes++;
		if (this.quality(f) !== 'ok') return;
		this.late = late;
		const s = this.summary;
		s.usable++;
		s.first ??= f.t;
		s.last = f.t;
		const prev = this.prev;
		const dt = prev ? f.t - prev.t : 0;
		if (prev && dt > this.o.silenceMs) this.closeVisits();
		const gap = prev !== null && dt > this.o.unknownAfterMs;
		if (gap) s.unknownMs += dt;
		const before = this.motion.mode;
		const mode = this.motion.update(f.t, f.lon, f.lat, f.accuracy, f.speed, gap);
		if (mode !== before) this.sink({ type: 'mode-changed', officer: this.officer, at: f.t, mode, previous: before, late });
		if (prev && !gap) s.modeMs[mode] += dt;
		this.stopper.update(f.t, f.lon, f.lat, gap, this.onStop);

		const inside = this.index.inside(f.lon, f.lat, f.accuracy);
		const prevT = prev ? prev.t : null;
		for (const st of this.states.values()) {
			this.stepState(st, inside.includes(st.hotspot), f.t, prevT, gap, mode);
		}
		for (const h of inside) {
			if (this.states.has(h)) continue;
			const st = new VisitState(h);
			st.step(true, f.t, prevT, gap, mode, this.o);
			this.states.set(h, st);
		}
		for (const [h, st] of this.states) if (!st.visit && !st.prevInside) this.states.delete(h);
		this.prev = f;
		if (this.stopper.stops.length > this.trimStopsAt) this.trimStops(prevT ?? f.t);
	}

	/** Closes every open visit at its last inside fix: end of duty, end of a file, a long silence. */
	closeVisits(): void {
		for (const st of this.states.values()) if (st.visit) this.ended(st, st.visit);
		this.states.clear();
	}

	/** End of data: open visits close and a stop in progress ends. */
	finish(late = false): void {
		this.late = late;
		this.closeVisits();
		this.stopper.finish(this.onStop);
	}

	openVisits(): VisitRecord[] {
		const out: VisitRecord[] = [];
		for (const st of this.states.values()) if (st.visit) out.push(this.record(st.hotspot, st.visit, true));
		return out.sort((a, b) => a.start - b.start);
	}

	private stepState(st: VisitState, inside: boolean, t: number, prevT: number | null, gap: boolean, mode: Mode): void {
		const before = st.visit ? Math.floor(st.visit.insideMs / 60_000) : -1;
		const r = st.step(inside, t, prevT, gap, mode, this.o);
		if (r === ENDED) return this.ended(st, st.ended!);
		if (r === STARTED) {
			this.sink({ type: 'visit-started', officer: this.officer, visit: this.record(st.hotspot, st.visit!, true), late: this.late });
		} else if (st.visit && Math.floor(st.visit.insideMs / 60_000) > before) {
			this.sink({ type: 'visit-updated', officer: this.officer, visit: this.record(st.hotspot, st.visit, true), late: this.late });
		}
	}

	private ended(st: VisitState, v: OpenVisit): void {
		st.visit = null;
		st.ended = null;
		this.sink({ type: 'visit-ended', officer: this.officer, visit: this.record(st.hotspot, v, false), late: this.late });
	}

	private record(h: number, v: OpenVisit, open: boolean): VisitRecord {
		return visitRecord(v, this.officer, this.index.hotspots[h].id, this.stopper.stops, open, this.o);
	}

	private readonly onStop: StopSink = (kind, stop) => {
		this.sink({ type: kind, officer: this.officer, stop: { ...stop }, late: this.late });
	};

	/** Stops matter only to visits still open or yet to start (which start at the previous fix at the earliest). */
	private trimStops(prevT: number): void {
		let keepFrom = prevT;
		for (const st of this.states.values()) if (st.visit && st.visit.start < keepFrom) keepFrom = st.visit.start;
		const current = this.stopper.current;
		this.stopper.stops = this.stopper.stops.filter((s) => s === current || s.end >= keepFrom);
		this.trimStopsAt = Math.max(16, 2 * this.stopper.stops.length);
	}

	clone(sink: Sink): OfficerCore {
		const c = new OfficerCore(this.officer, this.index, this.o, sink);
		c.prev = this.prev;
		c.motion = this.motion.clone();
		c.stopper = this.stopper.clone();
		for (const [h, st] of this.states) c.states.set(h, st.clone());
		c.summary = { ...this.summary, modeMs: { ...this.summary.modeMs } };
		return c;
	}
}
