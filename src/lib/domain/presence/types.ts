// The presence engine's vocabulary (docs/presence.md, Words and rules 1–9) and its defaults.
import type { PolygonCoords } from '../geo/geo.ts';
import type { Fix, FixQuality } from './fix.ts';

export type Mode = 'foot' | 'vehicle' | 'unknown';

/** A fix as the engine takes it: the device's fix plus what the store knows about it. */
export interface PresenceFix extends Fix {
	/**
	 * The stored quality flag. 'inaccurate', 'future' and 'stale' are honoured; plausibility is
	 * always judged again here in device-time order, because it depends on which fix is previous.
	 */
	quality?: FixQuality;
	/** server receive time, epoch ms; without it the future/stale checks are skipped */
	receivedAt?: number;
}

export interface OfficerFix extends PresenceFix {
	officer: string;
}

export interface Hotspot {
	id: string;
	polygon: PolygonCoords;
}

/** One officer's stay in one hot spot. Times are epoch ms; intervals are [from, to). */
export interface VisitRecord {
	officer: string;
	hotspot: string;
	start: number;
	/** the last inside fix (so far, while open) */
	end: number;
	insideMs: number;
	unknownMs: number;
	/** known time between start and end by mode, which decides `mode` */
	modeMs: Record<Mode, number>;
	/** insideMs and unknownMs in minutes, 2 decimals (rule 6) */
	minutes: number;
	unknownMinutes: number;
	mode: Mode;
	stops: number;
	dose: boolean;
	/** time between consecutive inside fixes, for unions across officers (patrol-minutes) */
	inside: [number, number][];
	/** unknown intervals between start and end */
	unknown: [number, number][];
	open: boolean;
}

/**
 * An open visit as the engine sees it after the fixes applied so far: what the officer's phone
 * shows as its visit timer (docs/presence.md, the live engine).
 */
export interface CurrentVisit {
	hotspot: string;
	start: number;
	/** inside time so far (rule 6), and in minutes rounded as a visit's */
	insideMs: number;
	minutes: number;
	/** the latest applied fix keeps the visit (inside, or in the band of rule 2), not on an excursion */
	insideNow: boolean;
	/** device time of that fix */
	asOf: number;
}

export interface Stop {
	start: number;
	end: number;
	lon: number;
	lat: number;
}

/**
 * Every default is configurable. Sources: docs/presence.md rules 1–9 and its Constants tables
 * (stop: Traccar trips/stops and Esri Find Dwell; foot/vehicle: Bohannon 1997 gait speeds and
 * GPS mode-classification studies; dose: Koper 1995).
 */
export interface PresenceOptions {
	/** rule 2: a fix counts as inside within min(accuracy, this) of the polygon */
	maxMarginM: number;
	/**
	 * rule 2: while a visit is open, a fix keeps it (and counts as inside) within this much more
	 * than that margin. Hysteresis: a fix standing on the edge lands outside the margin often
	 * (accuracy is a 68 % radius), outside margin + 15 m rarely; see docs/presence.md rule 2.
	 */
	stayExtraM: number;
	/** rule 4: a longer interval between usable fixes is unknown */
	unknownAfterMs: number;
	/** rule 5: a visit ends once outside for longer than this */
	exitAfterMs: number;
	doseMinutes: number;
	stopRadiusM: number;
	stopMinMs: number;
	modeWindowMs: number;
	footMaxMps: number;
	vehicleMinMps: number;
	/**
	 * Speeds computed from positions use a baseline of at least this long: over 30 s the
	 * difference of two fixes with 10 m of noise is worth under 1 m/s, over 5 s it is 3 m/s
	 * (a runner). Shorter baselines let a walker's 95th percentile creep over 2.5 m/s in noise;
	 * longer ones cut corners off a car's path and read it slower.
	 */
	speedBaselineMs: number;
	/** a mode needs at least this many speed samples in its window */
	modeMinSamples: number;
	/** rule 7: live fixes are applied in device-time order within this window */
	reorderMs: number;
	/** rule 4: a longer silence between usable fixes closes open visits at their last inside fix */
	silenceMs: number;
	/** late fixes up to this much older than the newest applied fix are folded in memory */
	historyMs: number;
	/**
	 * ... and only while they are among this many of the officer's latest fixes: memory per officer
	 * stays bounded at any reporting rate (a snapshot is also taken every half of this many fixes).
	 * Older fixes are 'too-late' and the caller recomputes from storage.
	 */
	historyMaxFixes: number;
	snapshotEveryMs: number;
	/**
	 * The live engine keeps every visit it closed for `visits`; without, only those a late fix
	 * may still revise (a server takes them from the events, and an engine's memory then does not
	 * grow with the shift).
	 */
	keepVisits: boolean;
}

export const PRESENCE_DEFAULTS: PresenceOptions = {
	maxMarginM: 25,
	stayExtraM: 15,
	unknownAfterMs: 60_000,
	exitAfterMs: 120_000,
	doseMinutes: 10,
	stopRadiusM: 30,
	stopMinMs: 60_000,
	modeWindowMs: 60_000,
	footMaxMps: 2.5,
	vehicleMinMps: 4.2,
	speedBaselineMs: 30_000,
	modeMinSamples: 2,
	reorderMs: 30_000,
	silenceMs: 10 * 60_000,
	historyMs: 2 * 3600_000,
	historyMaxFixes: Infinity,
	snapshotEveryMs: 5 * 60_000,
	keepVisits: true
};

const merged = new WeakMap<Partial<PresenceOptions>, PresenceOptions>();

/**
 * The defaults with `opts` over them. Engines made with the same options object share one result:
 * thousands of officers then read one object per fix, not one each (a cache miss each).
 */
export function presenceOptions(opts: Partial<PresenceOptions> = {}): PresenceOptions {
	let o = merged.get(opts);
	if (!o) merged.set(opts, (o = Object.freeze({ ...PRESENCE_DEFAULTS, ...opts })));
	return o;
}

/** Events carry `late: true` when they come from fixes that arrived too late for live alerts. */
export type PresenceEvent =
	| { type: 'visit-started' | 'visit-updated' | 'visit-ended'; officer: string; visit: VisitRecord; late: boolean }
	| { type: 'stop-started' | 'stop-ended'; officer: string; stop: Stop; late: boolean }
	| { type: 'mode-changed'; officer: string; at: number; mode: Mode; previous: Mode; late: boolean }
	| {
			type: 'visits-revised';
			officer: string;
			/** final visits that no longer stand, and what replaces them */
			removed: VisitRecord[];
			added: VisitRecord[];
			open: VisitRecord[];
			late: true;
	  };

export function roundMinutes(ms: number): number {
	return Math.round(ms / 600) / 100;
}
