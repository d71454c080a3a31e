// One officer × one hot spot: the visit rules 3–6 of docs/presence.md as a state machine over the
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

const START = 0;
const LAST_INSIDE = 1;
const INSIDE_MS = 2;
const UNKNOWN_MS = 3;
const FOOT_MS = 4;
const VEHICLE_MS = 5;
const UNKNOWN_MODE_MS = 6;
const OUTSIDE_SINCE = 7;
const OUTSIDE_MS = 8;
const PENDING_FOOT_MS = 9;
const PENDING_VEHICLE_MS = 10;
const PENDING_UNKNOWN_MODE_MS = 11;

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
	/**
	 * The visit's times and sums as one array of doubles (unboxed, side by side): as object fields
	 * each would be a separate heap number, and an officer's fix would touch a dozen of them.
	 * Indexes below; the excursion's are since the last inside fix (it counts only if the officer
	 * comes back in time).
	 */
	private readonly v: number[] = [0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0];
	inside: number[] = [];
	unknown: number[] = [];
	pendingUnknown: number[] = [];

	constructor(hotspot: number) {
		this.hotspot = hotspot;
	}

	get start(): number {
		return this.v[START];
	}

	get insideMs(): number {
		return this.v[INSIDE_MS];
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
				this.v[LAST_INSIDE] = t;
				result = STARTED;
			}
		} else if (level !== OUT) {
			if (this.v[OUTSIDE_SINCE] >= 0) {
				// back from an excursion short enough not to end the visit: its time was known and
				// between start and end, so it counts for the mode; its unknown stretches count too
				this.v[FOOT_MS] += this.v[PENDING_FOOT_MS];
				this.v[VEHICLE_MS] += this.v[PENDING_VEHICLE_MS];
				this.v[UNKNOWN_MODE_MS] += this.v[PENDING_UNKNOWN_MODE_MS];
				const p = this.pendingUnknown;
				for (let i = 0; i < p.length; i += 2) {
					this.v[UNKNOWN_MS] += p[i + 1] - p[i];
					extend(this.unknown, p[i], p[i + 1]);
				}
				this.clearExcursion();
			}
			this.count(prevT, t, gap, this.prevLevel !== OUT, mode);
			this.v[LAST_INSIDE] = t;
		} else {
			if (gap) extend(this.pendingUnknown, prevT, t);
			else {
				if (mode === 'foot') this.v[PENDING_FOOT_MS] += t - prevT;
				else if (mode === 'vehicle') this.v[PENDING_VEHICLE_MS] += t - prevT;
				else this.v[PENDING_UNKNOWN_MODE_MS] += t - prevT;
				// rule 5: outside time is counted from the first outside fix, by usable fixes only
				if (this.v[OUTSIDE_SINCE] >= 0) this.v[OUTSIDE_MS] += t - prevT;
			}
			if (this.v[OUTSIDE_SINCE] < 0) this.v[OUTSIDE_SINCE] = t;
			if (this.v[OUTSIDE_MS] > o.exitAfterMs) {
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
			this.v[UNKNOWN_MS] += to - from;
			extend(this.unknown, from, to);
			return;
		}
		if (mode === 'foot') this.v[FOOT_MS] += to - from;
		else if (mode === 'vehicle') this.v[VEHICLE_MS] += to - from;
		else this.v[UNKNOWN_MODE_MS] += to - from;
		if (bothInside) {
			this.v[INSIDE_MS] += to - from;
			extend(this.inside, from, to);
		}
	}

	private begin(start: number): void {
		this.open = true;
		this.v[START] = this.v[LAST_INSIDE] = start;
		this.v[INSIDE_MS] = this.v[UNKNOWN_MS] = this.v[FOOT_MS] = this.v[VEHICLE_MS] = this.v[UNKNOWN_MODE_MS] = 0;
		// records copy these lists, so they can be reused
		this.inside.length = 0;
		this.unknown.length = 0;
		this.clearExcursion();
	}

	private clearExcursion(): void {
		this.v[OUTSIDE_SINCE] = -1;
		this.v[OUTSIDE_MS] = 0;
		this.v[PENDING_FOOT_MS] = this.v[PENDING_VEHICLE_MS] = this.v[PENDING_UNKNOWN_MODE_MS] = 0;
		this.pendingUnknown.length = 0;
	}

	save(out: StateBuffer): void {
		out.write(this.hotspot);
		out.write(this.prevLevel);
		out.write(this.open ? 1 : 0);
		out.write(this.v[START]);
		out.write(this.v[LAST_INSIDE]);
		out.write(this.v[INSIDE_MS]);
		out.write(this.v[UNKNOWN_MS]);
		out.write(this.v[FOOT_MS]);
		out.write(this.v[VEHICLE_MS]);
		out.write(this.v[UNKNOWN_MODE_MS]);
		out.write(this.v[OUTSIDE_SINCE]);
		out.write(this.v[OUTSIDE_MS]);
		out.write(this.v[PENDING_FOOT_MS]);
		out.write(this.v[PENDING_VEHICLE_MS]);
		out.write(this.v[PENDING_UNKNOWN_MODE_MS]);
		saveList(out, this.inside);
		saveList(out, this.unknown);
		saveList(out, this.pendingUnknown);
	}

	static restore(from: StateBuffer): VisitState {
		const st = new VisitState(from.read());
		st.prevLevel = from.read();
		st.open = from.read() === 1;
		st.v[START] = from.read();
		st.v[LAST_INSIDE] = from.read();
		st.v[INSIDE_MS] = from.read();
		st.v[UNKNOWN_MS] = from.read();
		st.v[FOOT_MS] = from.read();
		st.v[VEHICLE_MS] = from.read();
		st.v[UNKNOWN_MODE_MS] = from.read();
		st.v[OUTSIDE_SINCE] = from.read();
		st.v[OUTSIDE_MS] = from.read();
		st.v[PENDING_FOOT_MS] = from.read();
		st.v[PENDING_VEHICLE_MS] = from.read();
		st.v[PENDING_UNKNOWN_MODE_MS] = from.read();
		restoreList(from, st.inside);
		restoreList(from, st.unknown);
		restoreList(from, st.pendingUnknown);
		return st;
	}

	/** The visit as a record: the open one, or the one that just ended. */
	record(officer: string, hotspot: string, stops: readonly Stop[], o: PresenceOptions): VisitRecord {
		const modeMs = { foot: this.v[FOOT_MS], vehicle: this.v[VEHICLE_MS], unknown: this.v[UNKNOWN_MODE_MS] };
		const minutes = roundMinutes(this.v[INSIDE_MS]);
		let n = 0;
		for (const s of stops) if (s.start <= this.v[LAST_INSIDE] && s.end >= this.v[START]) n++;
		return {
			officer, hotspot, start: this.v[START], end: this.v[LAST_INSIDE], insideMs: this.v[INSIDE_MS], unknownMs: this.v[UNKNOWN_MS],
			modeMs, minutes, unknownMinutes: roundMinutes(this.v[UNKNOWN_MS]), mode: majorityMode(modeMs), stops: n,
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
