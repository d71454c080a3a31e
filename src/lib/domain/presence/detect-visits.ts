// The batch form of the presence engine: a whole record (a replayed file, a recomputation from
// storage) in, visits out. It runs the same OfficerCore as the live stream over each officer's
// fixes in device-time order, so the two agree by construction (and a test holds them to it).
import { HotspotIndex } from './hotspot-index.ts';
import { OfficerCore, type OfficerSummary } from './officer-core.ts';
import { presenceOptions, type Hotspot, type Mode, type OfficerFix, type PresenceFix, type PresenceOptions, type VisitRecord } from './types.ts';

export interface PresenceResult {
	/** final visits in start order (then officer, then hot spot) */
	visits: VisitRecord[];
	officers: OfficerSummary[];
}

/** Device-time order; equal times by fix id, so every replay of the same fixes is the same. */
export function byDeviceTime(a: PresenceFix, b: PresenceFix): number {
	return a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function byStart(a: VisitRecord, b: VisitRecord): number {
	return a.start - b.start || cmp(a.officer, b.officer) || cmp(a.hotspot, b.hotspot);
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Visits of every officer in every hot spot. Fixes may come in any order; a fix repeated (same
 * id and device time) counts once. Open visits are closed at their last inside fix at the end.
 */
export function detectVisits(
	fixes: readonly OfficerFix[],
	hotspots: HotspotIndex | readonly Hotspot[],
	opts: Partial<PresenceOptions> = {}
): PresenceResult {
	const o = presenceOptions(opts);
	const index = hotspots instanceof HotspotIndex ? hotspots : new HotspotIndex(hotspots, o.maxMarginM, o.stayExtraM);
	const byOfficer = new Map<string, OfficerFix[]>();
	for (const f of fixes) {
		const list = byOfficer.get(f.officer);
		if (list) list.push(f);
		else byOfficer.set(f.officer, [f]);
	}
	const visits: VisitRecord[] = [];
	const officers: OfficerSummary[] = [];
	for (const [officer, list] of byOfficer) {
		const core = new OfficerCore(officer, index, o, (e) => {
			if (e.type === 'visit-ended') visits.push(e.visit);
		});
		// the live engine's rule: a repeat has the same id and device time, and counts once
		list.sort(byDeviceTime);
		for (let i = 0; i < list.length; i++) {
			if (i > 0 && list[i].t === list[i - 1].t && list[i].id === list[i - 1].id) continue;
			core.apply(list[i], false);
		}
		core.finish();
		officers.push(core.summary);
	}
	return { visits: visits.sort(byStart), officers };
}

/**
 * One officer's mode at each usable fix (the mode of the interval that ends there; `gap` when
 * that interval is unknown), as the engine decides it: for a shift's foot share, and to check
 * the classifier against labelled tracks.
 */
export function modeTimeline(fixes: readonly PresenceFix[], opts: Partial<PresenceOptions> = {}): { t: number; mode: Mode; gap: boolean }[] {
	const o = presenceOptions(opts);
	const core = new OfficerCore('', new HotspotIndex([], o.maxMarginM, o.stayExtraM), o, () => {});
	const out: { t: number; mode: Mode; gap: boolean }[] = [];
	let prevT: number | null = null;
	for (const f of [...fixes].sort(byDeviceTime)) {
		const before = core.usable;
		core.apply(f, false);
		if (core.usable === before) continue;
		out.push({ t: f.t, mode: core.mode, gap: prevT !== null && f.t - prevT > o.unknownAfterMs });
		prevT = f.t;
	}
	return out;
}

/** The visit JSON line the `presence` CLI prints (docs/presence.md rule 6), keys in that order. */
export function visitLine(v: VisitRecord) {
	return {
		officer: v.officer,
		hotspot: v.hotspot,
		start: new Date(v.start).toISOString(),
		end: new Date(v.end).toISOString(),
		minutes: v.minutes,
		unknownMinutes: v.unknownMinutes,
		mode: v.mode,
		stops: v.stops,
		dose: v.dose
	};
}
