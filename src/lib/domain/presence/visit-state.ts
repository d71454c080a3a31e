// One officer × one hot spot: the visit rules 3–6 of DESIGN.md as a state machine over the
// officer's usable fixes in device-time order. The open visit lives in this object's own fields
// (intervals as flat [from, to, from, to, …] lists): with thousands of officers the engine's
// cost is the memory it touches per fix, so one object per officer and hot spot, not five.
import { IN, OUT } from './hotspot-index.ts';
import type { StateBuffer } from './state-buffer.ts';
import { roundMinutes, type Mode, type PresenceOptions, type Stop, type VisitRecord } from './types.ts';

export const NONE = 0;
export const STARTED = 1;
export const ENDED = 2;

function extend(list: number[], from: number, to: number): void {
	const n = list.length;
	if (n > 0 && list[n - 1] === from) list[n - 1] = to;
	else list.push(from, to);
}

function pairs(list: number[]): [number, number][] {
	const out: [number, number][] = [];
	for (let i = 0; i < list.length; i += 2) out.push([list[i], list[i + 1]]);
	return out;
}

function saveList(out: StateBuffer, list: number[]): void {
	out.write(list.length);
	out.writeAll(list, 0, list.length);
}

function restoreList(from: StateBuffer, list: number[]): void {
	const n = from.read();
	for (let i = 0; i < n; i++) list.push(from.read());
}

export class VisitState {
	readonly hotspot: number;
	/** what the officer's previous usable fix was to this hot spot: OUT, STAY or IN (rule 2) */
	prevLevel = OUT;
	/** a visit is open; after ENDED the fields still describe the visit that ended */
	open = false;
	start = 0;
	lastInside = 0;
	insideMs = 0;
	unknownMs = 0;
	footMs = 0;
	vehicleMs = 0;
	unknownModeMs = 0;
	inside: number[] = [];
	unknown: number[] = [];
	// since the last inside fix: an excursion that counts only if the officer comes back in time
	outsideSince = -1;
	outsideMs = 0;
	pendingFootMs = 0;
	pendingVehicleMs = 0;
	pendingUnknownModeMs = 0;
	pendingUnknown: number[] = [];

	constructor(hotspot: number) {
		this.hotspot = hotspot;
	}

	/**
	 * One usable fix, `level` what it is to this hot spot (rule 2: IN starts and keeps a visit,
	 * STAY only keeps an open one). `prevT` is the officer's previous usable fix (null for the
	 * first), `gap` that the interval since it is unknown (rule 4), `mode` the officer's mode over
	 * that interval.
	 */
	step(level: number, t: number, prevT: number | null, gap: boolean, mode: Mode, o: PresenceOptions): number {
		let result = NONE;
		if (prevT === null) {
			// first fix: nothing to measure yet
		} else if (!this.open) {
			if (level === IN && this.prevLevel === IN) {
				// rule 3: the visit starts at the first of two consecutive inside fixes
				this.begin(prevT);
				this.count(prevT, t, gap, true, mode);
				this.lastInside = t;
				result = STARTED;
			}
		} else if (level !== OUT) {
			if (this.outsideSince >= 0) {
				// back from an excursion short enough not to end the visit: its time was known and
				// between start and end, so it counts for the mode; its unknown stretches count too
				this.footMs += this.pendingFootMs;
				this.vehicleMs += this.pendingVehicleMs;
				this.unknownModeMs += this.pendingUnknownModeMs;
				const p = this.pendingUnknown;
				for (let i = 0; i < p.length; i += 2) {
					this.unknownMs += p[i + 1] - p[i];
					extend(this.unknown, p[i], p[i + 1]);
				}
				this.clearExcursion();
			}
			this.count(prevT, t, gap, this.prevLevel !== OUT, mode);
			this.lastInside = t;
		} else {
			if (gap) extend(this.pendingUnknown, prevT, t);
			else {
				if (mode === 'foot') this.pendingFootMs += t - prevT;
				else if (mode === 'vehicle') this.pendingVehicleMs += t - prevT;
				else this.pendingUnknownModeMs += t - prevT;
				// rule 5: outside time is counted from the first outside fix, by usable fixes only
				if (this.outsideSince >= 0) this.outsideMs += t - prevT;
			}
			if (this.outsideSince < 0) this.outsideSince = t;
			if (this.outsideMs > o.exitAfterMs) {
				this.open = false;
				result = ENDED;
			}
		}
		this.prevLevel = level;
		return result;
	}

	/** rule 6: inside time is between consecutive inside fixes; unknown intervals are never inside. */
	private count(from: number, to: number, gap: boolean, bothInside: boolean, mode: Mode): void {
		if (gap) {
			this.unknownMs += to - from;
			extend(this.unknown, from, to);
			return;
		}
		if (mode === 'foot') this.footMs += to - from;
		else if (mode === 'vehicle') this.vehicleMs += to - from;
		else this.unknownModeMs += to - from;
		if (bothInside) {
			this.insideMs += to - from;
			extend(this.inside, from, to);
		}
	}

	private begin(start: number): void {
		this.open = true;
		this.start = this.lastInside = start;
		this.insideMs = this.unknownMs = this.footMs = this.vehicleMs = this.unknownModeMs = 0;
		// records copy these lists, so they can be reused
		this.inside.length = 0;
		this.unknown.length = 0;
		this.clearExcursion();
	}

	private clearExcursion(): void {
		this.outsideSince = -1;
		this.outsideMs = 0;
		this.pendingFootMs = this.pendingVehicleMs = this.pendingUnknownModeMs = 0;
		this.pendingUnknown.length = 0;
	}

	save(out: StateBuffer): void {
		out.write(this.hotspot);
		out.write(this.prevLevel);
		out.write(this.open ? 1 : 0);
		out.write(this.start);
		out.write(this.lastInside);
		out.write(this.insideMs);
		out.write(this.unknownMs);
		out.write(this.footMs);
		out.write(this.vehicleMs);
		out.write(this.unknownModeMs);
		out.write(this.outsideSince);
		out.write(this.outsideMs);
		out.write(this.pendingFootMs);
		out.write(this.pendingVehicleMs);
		out.write(this.pendingUnknownModeMs);
		saveList(out, this.inside);
		saveList(out, this.unknown);
		saveList(out, this.pendingUnknown);
	}

	static restore(from: StateBuffer): VisitState {
		const st = new VisitState(from.read());
		st.prevLevel = from.read();
		st.open = from.read() === 1;
		st.start = from.read();
		st.lastInside = from.read();
		st.insideMs = from.read();
		st.unknownMs = from.read();
		st.footMs = from.read();
		st.vehicleMs = from.read();
		st.unknownModeMs = from.read();
		st.outsideSince = from.read();
		st.outsideMs = from.read();
		st.pendingFootMs = from.read();
		st.pendingVehicleMs = from.read();
		st.pendingUnknownModeMs = from.read();
		restoreList(from, st.inside);
		restoreList(from, st.unknown);
		restoreList(from, st.pendingUnknown);
		return st;
	}

	/** The visit as a record: the open one, or the one that just ended. */
	record(officer: string, hotspot: string, stops: readonly Stop[], o: PresenceOptions): VisitRecord {
		const modeMs = { foot: this.footMs, vehicle: this.vehicleMs, unknown: this.unknownModeMs };
		const minutes = roundMinutes(this.insideMs);
		let n = 0;
		for (const s of stops) if (s.start <= this.lastInside && s.end >= this.start) n++;
		return {
			officer, hotspot, start: this.start, end: this.lastInside, insideMs: this.insideMs, unknownMs: this.unknownMs,
			modeMs, minutes, unknownMinutes: roundMinutes(this.unknownMs), mode: majorityMode(modeMs), stops: n,
			dose: minutes >= o.doseMinutes, inside: pairs(this.inside), unknown: pairs(this.unknown), open: this.open
		};
	}
}

/** The mode of the majority (more than half) of the visit's known minutes, else unknown. */
export function majorityMode(ms: Record<Mode, number>): Mode {
	const known = ms.foot + ms.vehicle + ms.unknown;
	if (known > 0 && ms.foot * 2 > known) return 'foot';
	if (known > 0 && ms.vehicle * 2 > known) return 'vehicle';
	return 'unknown';
}
