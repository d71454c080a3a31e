// One officer's fixes, strictly in device-time order, through every rule: usable fixes (rule 1),
// unknown intervals (rule 4), mode, stops and a visit state per hot spot nearby. Deterministic
// and saved to a StateBuffer and restored, so the stream processor can rewind to a snapshot and
// replay late fixes, and the batch function is this same code run over a sorted file. State is
// kept in few objects (counters and the previous fix as plain fields): the live engine serves
// thousands of officers in turn, and each object touched per fix is a likely cache miss.
import { FIX_RULES } from './fix.ts';
import { HotspotCursor, IN, OUT, type HotspotIndex } from './hotspot-index.ts';
import { metres, MotionClassifier } from './motion.ts';
import type { StateBuffer } from './state-buffer.ts';
import { StopDetector, type StopSink } from './stops.ts';
import { roundMinutes, type CurrentVisit, type Mode, type PresenceEvent, type PresenceFix, type PresenceOptions, type VisitRecord } from './types.ts';
import { ENDED, STARTED, VisitState } from './visit-state.ts';

export type Sink = (e: PresenceEvent) => void;

/**
 * Rule 1's checks that need no previous fix, as a code (0: passed). The engine stores it with
 * each fix it holds, so the fix object itself need not be kept; plausibility is judged at apply.
 */
export const Q_OK = 0;
export function ownQuality(f: PresenceFix): number {
	if (f.quality === 'inaccurate') return 1;
	if (f.quality === 'future') return 2;
	if (f.quality === 'stale') return 3;
	const received = f.receivedAt ?? f.t;
	if (f.t - received > FIX_RULES.maxFutureMs) return 2;
	if (received - f.t > FIX_RULES.maxAgeMs) return 3;
	if (f.accuracy > FIX_RULES.maxAccuracyM) return 1;
	return Q_OK;
}

/** The device's speed, or NaN for none (the motion rule ignores any that is not a finite number ≥ 0). */
export function speedOf(f: PresenceFix): number {
	return typeof f.speed === 'number' ? f.speed : NaN;
}

// hot spots a fix is in, and how (IN or STAY): scratch space shared by every core, used within apply
const hits: number[] = [];
const PREV_T = 0;
const PREV_LAT = 1;
const PREV_LON = 2;
const FIRST = 3;
const levels: number[] = [];

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
	/**
	 * The previous usable fix (t, lat, lon) and the first usable fix's time, as one array of
	 * unboxed doubles: as fields each would be a separate heap number (a likely cache miss each
	 * with thousands of officers in turn).
	 */
	private readonly p: number[] = [0.5, 0, 0, 0];
	private hasPrev = false;
	private readonly motion: MotionClassifier;
	private readonly stopper: StopDetector;
	/** hot spots the officer is inside or has an open visit in: a handful, so an array */
	private states: VisitState[] = [];
	private readonly cursor: HotspotCursor;
	private late = false;
	private trimStopsAt = 4;
	fixes = 0;
	usable = 0;
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
		this.p[PREV_T] = 0;
	}

	get mode(): Mode {
		return this.motion.mode;
	}

	get lastUsableT(): number | null {
		return this.hasPrev ? this.p[PREV_T] : null;
	}

	get summary(): OfficerSummary {
		const has = this.usable > 0;
		return {
			officer: this.officer, fixes: this.fixes, usable: this.usable, first: has ? this.p[FIRST] : null, last: has ? this.p[PREV_T] : null,
			unknownMs: this.unknownMs, modeMs: { foot: this.footMs, vehicle: this.vehicleMs, unknown: this.unknownModeMs }
		};
	}

	/** Whether a fix with this own-quality code would be usable next (rule 1, plausibility included). */
	usableNext(t: number, lat: number, lon: number, q: number): boolean {
		if (q !== Q_OK) return false;
		if (!this.hasPrev || this.p[PREV_T] === t) return true;
		return metres(this.p[PREV_LON], this.p[PREV_LAT], lon, lat) / (Math.abs(t - this.p[PREV_T]) / 1000) <= FIX_RULES.maxSpeedMps;
	}

	/** One fix, in device-time order. `late` marks the events it causes. */
	apply(f: PresenceFix, late: boolean): void {
		this.step(f.t, f.lat, f.lon, f.accuracy, speedOf(f), ownQuality(f), late);
	}

	/** apply() on the fix's fields: `speed` NaN for none, `q` from ownQuality. */
	step(t: number, lat: number, lon: number, accuracy: number, speed: number, q: number, late: boolean): void {
		this.fixes++;
		if (!this.usableNext(t, lat, lon, q)) return;
		this.late = late;
		if (this.usable++ === 0) this.p[FIRST] = t;
		const prevT = this.hasPrev ? this.p[PREV_T] : null;
		const dt = prevT === null ? 0 : t - prevT;
		if (prevT !== null && dt > this.o.silenceMs) this.closeVisits();
		const gap = prevT !== null && dt > this.o.unknownAfterMs;
		if (gap) this.unknownMs += dt;
		const before = this.motion.mode;
		const mode = this.motion.update(t, lon, lat, accuracy, speed, gap);
		if (mode !== before) this.sink({ type: 'mode-changed', officer: this.officer, at: t, mode, previous: before, late });
		if (prevT !== null && !gap) {
			if (mode === 'foot') this.footMs += dt;
			else if (mode === 'vehicle') this.vehicleMs += dt;
			else this.unknownModeMs += dt;
		}
		this.stopper.update(t, lon, lat, gap, this.onStop);

		const n = this.cursor.inside(lon, lat, accuracy, hits, levels);
		const states = this.states;
		const known = states.length;
		for (let i = 0; i < known; i++) {
			const st = states[i];
			let level = OUT;
			for (let k = 0; k < n; k++) if (hits[k] === st.hotspot) level = levels[k];
			this.stepState(st, level, t, prevT, gap, mode);
		}
		for (let k = 0; k < n; k++) {
			// the band that only keeps a visit starts none
			if (levels[k] !== IN) continue;
			let tracked = false;
			for (let i = 0; i < known; i++) if (states[i].hotspot === hits[k]) tracked = true;
			if (tracked) continue;
			const st = new VisitState(hits[k]);
			st.step(IN, t, prevT, gap, mode, this.o);
			states.push(st);
		}
		let kept = 0;
		for (let i = 0; i < states.length; i++) if (states[i].open || states[i].prevLevel === IN) states[kept++] = states[i];
		states.length = kept;
		this.p[PREV_T] = t;
		this.p[PREV_LAT] = lat;
		this.p[PREV_LON] = lon;
		this.hasPrev = true;
		if (this.stopper.stops.length > this.trimStopsAt) this.trimStops(prevT ?? t);
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
		for (const st of this.states) if (st.open) return true;
		return false;
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
			out.push({ hotspot, start: st.start, insideMs: st.insideMs, minutes: roundMinutes(st.insideMs), insideNow: st.prevLevel !== OUT, asOf: this.p[PREV_T] });
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
		this.trimStopsAt = Math.max(4, 2 * this.stopper.stops.length);
	}

	/** Everything that decides what later fixes do (the cursor is a cache, the sink the owner's). */
	save(out: StateBuffer): void {
		out.write(this.hasPrev ? 1 : 0);
		out.write(this.p[PREV_T]);
		out.write(this.p[PREV_LAT]);
		out.write(this.p[PREV_LON]);
		out.write(this.trimStopsAt);
		out.write(this.fixes);
		out.write(this.usable);
		out.write(this.p[FIRST]);
		out.write(this.unknownMs);
		out.write(this.footMs);
		out.write(this.vehicleMs);
		out.write(this.unknownModeMs);
		this.motion.save(out);
		this.stopper.save(out);
		out.write(this.states.length);
		for (const st of this.states) st.save(out);
	}

	restore(from: StateBuffer): void {
		from.rewind();
		this.hasPrev = from.read() === 1;
		this.p[PREV_T] = from.read();
		this.p[PREV_LAT] = from.read();
		this.p[PREV_LON] = from.read();
		this.trimStopsAt = from.read();
		this.fixes = from.read();
		this.usable = from.read();
		this.p[FIRST] = from.read();
		this.unknownMs = from.read();
		this.footMs = from.read();
		this.vehicleMs = from.read();
		this.unknownModeMs = from.read();
		this.motion.restore(from);
		this.stopper.restore(from);
		const n = from.read();
		this.states = [];
		for (let i = 0; i < n; i++) this.states.push(VisitState.restore(from));
	}
}
