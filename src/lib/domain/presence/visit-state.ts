// One officer × one hot spot: the visit rules 3–6 of DESIGN.md as a state machine over the
// officer's usable fixes in device-time order.
import { roundMinutes, type Mode, type PresenceOptions, type Stop, type VisitRecord } from './types.ts';

export const NONE = 0;
export const STARTED = 1;
export const ENDED = 2;

export interface OpenVisit {
	start: number;
	lastInside: number;
	insideMs: number;
	unknownMs: number;
	modeMs: Record<Mode, number>;
	inside: [number, number][];
	unknown: [number, number][];
	// since the last inside fix: an excursion that counts only if the officer comes back in time
	outsideSince: number | null;
	outsideMs: number;
	pendingModeMs: Record<Mode, number>;
	pendingUnknown: [number, number][];
}

const zero = (): Record<Mode, number> => ({ foot: 0, vehicle: 0, unknown: 0 });

function extend(list: [number, number][], from: number, to: number): void {
	const last = list.at(-1);
	if (last && last[1] === from) last[1] = to;
	else list.push([from, to]);
}

export class VisitState {
	readonly hotspot: number;
	/** whether the officer's previous usable fix was inside this hot spot */
	prevInside = false;
	visit: OpenVisit | null = null;
	/** the visit that the last step() ended */
	ended: OpenVisit | null = null;

	constructor(hotspot: number) {
		this.hotspot = hotspot;
	}

	/**
	 * One usable fix. `prevT` is the officer's previous usable fix (null for the first), `gap` that
	 * the interval since it is unknown (rule 4), `mode` the officer's mode over that interval.
	 */
	step(inside: boolean, t: number, prevT: number | null, gap: boolean, mode: Mode, o: PresenceOptions): number {
		const v = this.visit;
		let result = NONE;
		if (prevT === null) {
			// first fix: nothing to measure yet
		} else if (!v) {
			if (inside && this.prevInside) {
				// rule 3: the visit starts at the first of two consecutive inside fixes
				const nv: OpenVisit = {
					start: prevT, lastInside: t, insideMs: 0, unknownMs: 0, modeMs: zero(), inside: [], unknown: [],
					outsideSince: null, outsideMs: 0, pendingModeMs: zero(), pendingUnknown: []
				};
				this.visit = nv;
				countInterval(nv, prevT, t, gap, true, mode);
				result = STARTED;
			}
		} else if (inside) {
			for (const m of ['foot', 'vehicle', 'unknown'] as const) v.modeMs[m] += v.pendingModeMs[m];
			for (const [a, b] of v.pendingUnknown) {
				v.unknownMs += b - a;
				extend(v.unknown, a, b);
			}
			countInterval(v, prevT, t, gap, this.prevInside, mode);
			v.lastInside = t;
			v.outsideSince = null;
			v.outsideMs = 0;
			v.pendingModeMs = zero();
			v.pendingUnknown = [];
		} else {
			if (gap) extend(v.pendingUnknown, prevT, t);
			else {
				v.pendingModeMs[mode] += t - prevT;
				// rule 5: outside time is counted from the first outside fix, by usable fixes only
				if (v.outsideSince !== null) v.outsideMs += t - prevT;
			}
			if (v.outsideSince === null) v.outsideSince = t;
			if (v.outsideMs > o.exitAfterMs) {
				this.ended = v;
				this.visit = null;
				result = ENDED;
			}
		}
		this.prevInside = inside;
		return result;
	}

	clone(): VisitState {
		const c = new VisitState(this.hotspot);
		c.prevInside = this.prevInside;
		c.visit = this.visit && cloneVisit(this.visit);
		return c;
	}
}

/** rule 6: inside time is between consecutive inside fixes; unknown intervals are never inside. */
function countInterval(v: OpenVisit, from: number, to: number, gap: boolean, bothInside: boolean, mode: Mode): void {
	if (gap) {
		v.unknownMs += to - from;
		extend(v.unknown, from, to);
		return;
	}
	v.modeMs[mode] += to - from;
	if (bothInside) {
		v.insideMs += to - from;
		extend(v.inside, from, to);
	}
}

function cloneVisit(v: OpenVisit): OpenVisit {
	return {
		...v,
		modeMs: { ...v.modeMs },
		pendingModeMs: { ...v.pendingModeMs },
		inside: v.inside.map((r) => [r[0], r[1]]),
		unknown: v.unknown.map((r) => [r[0], r[1]]),
		pendingUnknown: v.pendingUnknown.map((r) => [r[0], r[1]])
	};
}

/** The mode of the majority (more than half) of the visit's known minutes, else unknown. */
export function majorityMode(ms: Record<Mode, number>): Mode {
	const known = ms.foot + ms.vehicle + ms.unknown;
	if (known > 0 && ms.foot * 2 > known) return 'foot';
	if (known > 0 && ms.vehicle * 2 > known) return 'vehicle';
	return 'unknown';
}

export function visitRecord(
	v: OpenVisit, officer: string, hotspot: string, stops: readonly Stop[], open: boolean, o: PresenceOptions
): VisitRecord {
	const minutes = roundMinutes(v.insideMs);
	let n = 0;
	for (const s of stops) if (s.start <= v.lastInside && s.end >= v.start) n++;
	return {
		officer, hotspot, start: v.start, end: v.lastInside, insideMs: v.insideMs, unknownMs: v.unknownMs,
		modeMs: { ...v.modeMs }, minutes, unknownMinutes: roundMinutes(v.unknownMs), mode: majorityMode(v.modeMs),
		stops: n, dose: minutes >= o.doseMinutes,
		inside: v.inside.map((r) => [r[0], r[1]]), unknown: v.unknown.map((r) => [r[0], r[1]]), open
	};
}
