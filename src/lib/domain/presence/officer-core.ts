// One officer's fixes, strictly in device-time order, through every rule: usable fixes (rule 1),
// unknown intervals (rule 4), mode, stops and a visit state per hot spot nearby. Deterministic
// and cloneable, so the stream processor can rewind to a snapshot and replay late fixes, and
// the batch function is this same code run over a sorted file. State is kept in few objects
// (counters and the previous fix as plain fields): the live engine serves thousands of officers
// in turn, and each object touched per fix is a likely cache miss.
import { fixQuality, type Fix, type FixQuality } from './fix.ts';
import { HotspotCursor, IN, OUT, type HotspotIndex } from './hotspot-index.ts';
import { MotionClassifier } from './motion.ts';
import { StopDetector, type StopSink } from './stops.ts';
import { roundMinutes, type CurrentVisit, type Mode, type PresenceEvent, type PresenceFix, type PresenceOptions, type VisitRecord } from './types.ts';
import { ENDED, STARTED, VisitState } from './visit-state.ts';

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
	/** the previous usable fix, copied (the caller's object may be anywhere in memory) */
	private readonly prev: Fix = { id: '', t: 0, lat: 0, lon: 0, accuracy: 0 };
	private hasPrev = false;
	private motion: MotionClassifier;
	private stopper: StopDetector;
	/** hot spots the officer is inside or has an open visit in: a handful, so an array */
	private states: VisitState[] = [];
	private readonly cursor: HotspotCursor;
	private readonly hits: number[] = [];
	private readonly levels: number[] = [];
	private late = false;
	private trimStopsAt = 16;
	fixes = 0;
	usable = 0;
	private first = 0;
	private unknownMs = 0;
	private footMs = 0;
	private vehicleMs = 0;
	private unknownModeMs = 0;

	constructor(officer: string, index: HotspotIndex, o: PresenceOptions, sink: Sink) {
		if (index.maxMarginM < o.maxMarginM || index.stayExtraM < o.stayExtraM) {
			throw new Error(`presence: the hot spot index reaches ${index.maxMarginM} + ${index.stayExtraM} m, the options ask for ${o.maxMarginM} + ${o.stayExtraM} m: build the index with the same margins`);
		}
		this.officer = officer;
		this.index = index;
		this.o = o;
		this.sink = sink;
		this.cursor = new HotspotCursor(index);
		this.motion = new MotionClassifier(o);
		this.stopper = new StopDetector(o);
	}

	get mode(): Mode {
		return this.motion.mode;
	}

	get lastUsableT(): number | null {
		return this.hasPrev ? this.prev.t : null;
	}

	get summary(): OfficerSummary {
		const has = this.usable > 0;
		return {
			officer: this.officer, fixes: this.fixes, usable: this.usable, first: has ? this.first : null, last: has ? this.prev.t : null,
			unknownMs: this.unknownMs, modeMs: { foot: this.footMs, vehicle: this.vehicleMs, unknown: this.unknownModeMs }
		};
	}

	quality(f: PresenceFix): FixQuality {
		if (f.quality === 'inaccurate' || f.quality === 'future' || f.quality === 'stale') return f.quality;
		return fixQuality(f, f.receivedAt ?? f.t, this.hasPrev ? this.prev : undefined);
	}

	/** One fix, in device-time order. `late` marks the events it causes. */
	apply(f: PresenceFix, late: boolean): void {
		this.fixes++;
		if (this.quality(f) !== 'ok') return;
		this.late = late;
		if (this.usable++ === 0) this.first = f.t;
		const prevT = this.hasPrev ? this.prev.t : null;
		const dt = prevT === null ? 0 : f.t - prevT;
		if (prevT !== null && dt > this.o.silenceMs) this.closeVisits();
		const gap = prevT !== null && dt > this.o.unknownAfterMs;
		if (gap) this.unknownMs += dt;
		const before = this.motion.mode;
		const mode = this.motion.update(f.t, f.lon, f.lat, f.accuracy, f.speed, gap);
		if (mode !== before) this.sink({ type: 'mode-changed', officer: this.officer, at: f.t, mode, previous: before, late });
		if (prevT !== null && !gap) {
			if (mode === 'foot') this.footMs += dt;
			else if (mode === 'vehicle') this.vehicleMs += dt;
			else this.unknownModeMs += dt;
		}
		this.stopper.update(f.t, f.lon, f.lat, gap, this.onStop);

		const hits = this.hits;
		const levels = this.levels;
		const n = this.cursor.inside(f.lon, f.lat, f.accuracy, hits, levels);
		const states = this.states;
		const known = states.length;
		for (let i = 0; i < known; i++) {
			const st = states[i];
			let level = OUT;
			for (let k = 0; k < n; k++) if (hits[k] === st.hotspot) level = levels[k];
			this.stepState(st, level, f.t, prevT, gap, mode);
		}
		for (let k = 0; k < n; k++) {
			// the band that only keeps a visit starts none
			if (levels[k] !== IN) continue;
			let tracked = false;
			for (let i = 0; i < known; i++) if (states[i].hotspot === hits[k]) tracked = true;
			if (tracked) continue;
			const st = new VisitState(hits[k]);
			st.step(IN, f.t, prevT, gap, mode, this.o);
			states.push(st);
		}
		let kept = 0;
		for (const st of states) if (st.open || st.prevLevel === IN) states[kept++] = st;
		states.length = kept;
		this.prev.t = f.t;
		this.prev.lat = f.lat;
		this.prev.lon = f.lon;
		this.hasPrev = true;
		if (this.stopper.stops.length > this.trimStopsAt) this.trimStops(prevT ?? f.t);
	}

	/** Closes every open visit at its last inside fix: end of duty, end of a file, a long silence. */
	closeVisits(): void {
		for (const st of this.states) {
			if (!st.open) continue;
			st.open = false;
			this.ended(st);
		}
		this.states = [];
	}

	/** End of data: open visits close and a stop in progress ends. */
	finish(late = false): void {
		this.late = late;
		this.closeVisits();
		this.stopper.finish(this.onStop);
	}

	hasOpenVisits(): boolean {
		return this.states.some((st) => st.open);
	}

	openVisits(): VisitRecord[] {
		return this.states.filter((st) => st.open).map((st) => this.record(st)).sort((a, b) => a.start - b.start);
	}

	/** Open visits as the phone's timer shows them, in start order. */
	currentVisits(): CurrentVisit[] {
		const out: CurrentVisit[] = [];
		for (const st of this.states) {
			if (!st.open) continue;
			const hotspot = this.index.hotspots[st.hotspot].id;
			out.push({ hotspot, start: st.start, insideMs: st.insideMs, minutes: roundMinutes(st.insideMs), insideNow: st.prevLevel !== OUT, asOf: this.prev.t });
		}
		return out.sort((a, b) => a.start - b.start);
	}

	private stepState(st: VisitState, level: number, t: number, prevT: number | null, gap: boolean, mode: Mode): void {
		const before = st.open ? Math.floor(st.insideMs / 60_000) : -1;
		const r = st.step(level, t, prevT, gap, mode, this.o);
		if (r === ENDED) return this.ended(st);
		if (r === STARTED) {
			this.sink({ type: 'visit-started', officer: this.officer, visit: this.record(st), late: this.late });
		} else if (st.open && Math.floor(st.insideMs / 60_000) > before) {
			this.sink({ type: 'visit-updated', officer: this.officer, visit: this.record(st), late: this.late });
		}
	}

	private ended(st: VisitState): void {
		this.sink({ type: 'visit-ended', officer: this.officer, visit: this.record(st), late: this.late });
	}

	private record(st: VisitState): VisitRecord {
		return st.record(this.officer, this.index.hotspots[st.hotspot].id, this.stopper.stops, this.o);
	}

	private readonly onStop: StopSink = (kind, stop) => {
		this.sink({ type: kind, officer: this.officer, stop: { ...stop }, late: this.late });
	};

	/** Stops matter only to visits still open or yet to start (which start at the previous fix at the earliest). */
	private trimStops(prevT: number): void {
		let keepFrom = prevT;
		for (const st of this.states) if (st.open && st.start < keepFrom) keepFrom = st.start;
		const current = this.stopper.current;
		this.stopper.stops = this.stopper.stops.filter((s) => s === current || s.end >= keepFrom);
		this.trimStopsAt = Math.max(16, 2 * this.stopper.stops.length);
	}

	clone(sink: Sink): OfficerCore {
		const c = new OfficerCore(this.officer, this.index, this.o, sink);
		Object.assign(c.prev, this.prev);
		c.hasPrev = this.hasPrev;
		c.trimStopsAt = this.trimStopsAt;
		c.fixes = this.fixes;
		c.usable = this.usable;
		c.first = this.first;
		c.unknownMs = this.unknownMs;
		c.footMs = this.footMs;
		c.vehicleMs = this.vehicleMs;
		c.unknownModeMs = this.unknownModeMs;
		c.motion = this.motion.clone();
		c.stopper = this.stopper.clone();
		c.states = this.states.map((st) => st.clone());
		return c;
	}
}
