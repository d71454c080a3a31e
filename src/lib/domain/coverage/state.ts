// A hot spot's live state for the control room and "send me" (docs/presence.md rule 10): not live
// now; needs a dose; officer present; dosed (this window, within the target interval); or a
// coverage gap — live with no dose for longer than the target interval, counted from the later of
// the window's start and the last dose (TVP "15 min up to 4 days apart"; Sacramento every 2 h).
import { liveWindowAt } from '../hotspots/windows.ts';
import type { Window } from '../hotspots/types.ts';
import type { HotspotState } from '../../realtime/contract.ts';

export interface CoverageInput {
	windows: Window[];
	/** docs/presence.md rule 10: default 4 h, configurable per set */
	targetMs: number;
	lastDoseAt: number | null;
	present: number;
}

export interface Coverage {
	state: HotspotState;
	/** start of the live window occurrence now, or null when not live */
	windowStart: number | null;
	windowEnd: number | null;
	/** when a gap opens (or opened), null when not live */
	dueAt: number | null;
	/** "send me" weight: 0 = not offered (not live, or dosed this window), 1 = needs a dose, 2 = overdue */
	need: number;
}

export function coverage(input: CoverageInput, now: number): Coverage {
	const live = liveWindowAt(input.windows, now);
	if (!live) return { state: 'not-live', windowStart: null, windowEnd: null, dueAt: null, need: 0 };
	const dosedThisWindow = input.lastDoseAt !== null && input.lastDoseAt >= live.start;
	const reference = dosedThisWindow ? input.lastDoseAt! : live.start;
	const dueAt = reference + input.targetMs;
	const overdue = now >= dueAt;
	const base = { windowStart: live.start, windowEnd: live.end, dueAt };
	if (input.present > 0) return { ...base, state: 'present', need: 0 };
	if (overdue) return { ...base, state: 'gap', need: 2 };
	if (dosedThisWindow) return { ...base, state: 'dosed', need: 0 };
	return { ...base, state: 'needs-dose', need: 1 };
}
