// The phone's visit timer: the presence engine's inside time as of its latest applied fix
// (docs/presence.md, The current visit), counted on between updates on the phone's own clock —
// the clock its fixes carry, so the engine's `asOf` and the phone's `now` agree without the
// server's. It never counts what the engine could not: past 60 s after the phone's own latest
// position (rule 4: a longer interval is unknown, not inside) nor past a silence that ends the visit.

/** what the timer needs of a `PresenceUpdate` */
export interface TimerSource {
	insideMs: number;
	asOf: number | null;
	insideNow: boolean;
	ended: boolean;
}

/** rule 4: an interval longer than this is unknown */
const UNKNOWN_AFTER_MS = 60_000;
/** rule 4: a silence longer than this ends the visit */
const SILENCE_MS = 10 * 60_000;

/** Inside time to show, in ms, at `now`; `lastFixT` is the device time of the phone's own latest position (null when none yet). */
export function timerMs(v: TimerSource, now: number, lastFixT: number | null): number {
	if (v.ended || !v.insideNow || v.asOf === null) return v.insideMs;
	const until = lastFixT === null ? now : Math.min(now, lastFixT + UNKNOWN_AFTER_MS);
	return v.insideMs + Math.min(SILENCE_MS, Math.max(0, until - v.asOf));
}

/** "m:ss", minutes uncapped: 75:04 */
export function mmss(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
