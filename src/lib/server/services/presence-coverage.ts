// Each live hot spot's coverage for the control room: who is inside, the last dose, and the state
// (docs/presence.md rules 10 and 11), recomputed where something changed or a deadline passed;
// changes go out as `hotspots:status`, gaps as `gap:opened` / `gap:closed`. The presence service
// (presence.ts) tells it of visits; it reads nothing but the clock and where officers are.
import { coverage, type Coverage } from '../../domain/coverage/state.ts';
import { haversine } from '../../domain/geo/geo.ts';
import { nextWindowStart } from '../../domain/hotspots/windows.ts';
import type { GapAlert, HotspotStatus } from '../../realtime/contract.ts';
import type { Bus } from '../bus.ts';
import type { Hotspot } from '../db/queries/hotspots.ts';
import type { StoredVisit } from '../db/queries/visits.ts';

/** officers offered in a gap alert (docs/presence.md rule 11) */
const NEAREST = 3;

/**
 * On-duty officers as presence needs them: when each came on duty (how far back an engine is
 * rebuilt) and where each was last (the nearest to a gap). The live fleet answers both.
 */
export interface OnDutyOfficers {
	get(officer: number): { onDutySince: number } | undefined;
	list(): { officer: number; callsign: string; last: { lat: number; lon: number } | null }[];
}

export interface CoverageDeps {
	bus: Bus;
	now: () => number;
	officers: OnDutyOfficers;
}

interface HotspotLive {
	hotspot: Hotspot;
	lastDoseAt: number | null;
	/** officers with an open visit here → its start */
	present: Map<number, number>;
	status: HotspotStatus | null;
	nextCheck: number;
	gap: boolean;
}

export class CoverageBoard {
	private readonly deps: CoverageDeps;
	private live = new Map<number, HotspotLive>();
	private targetMs = 4 * 3600_000;

	constructor(deps: CoverageDeps) {
		this.deps = deps;
	}

	/** A newly published set: its hot spots, target interval and each one's last dose. */
	load(hotspots: Hotspot[], targetMs: number, doses: Map<number, number>): void {
		this.targetMs = targetMs;
		this.live = new Map(hotspots.map((h) => [h.id, { hotspot: h, lastDoseAt: doses.get(h.id) ?? null, present: new Map(), status: null, nextCheck: 0, gap: false }]));
	}

	/** A hot spot's name, null outside the set. */
	name(hotspot: number): string | null {
		return this.live.get(hotspot)?.hotspot.name ?? null;
	}

	hotspotIds(): number[] {
		return [...this.live.keys()];
	}

	/** Everything from the record again: nobody inside, doses as stored, states to be recomputed. */
	reset(doses: Map<number, number>): void {
		for (const l of this.live.values()) {
			l.present.clear();
			l.lastDoseAt = doses.get(l.hotspot.id) ?? null;
			l.status = null;
			l.gap = false;
			l.nextCheck = 0;
		}
	}

	/** A visit started, went on or ended; returns its hot spot's name (null outside the set). */
	visit(officer: number, v: StoredVisit, ended: boolean): string | null {
		const live = this.live.get(v.hotspot);
		if (!live) return null;
		if (ended) live.present.delete(officer);
		else live.present.set(officer, v.start);
		if (v.dose && !v.open) live.lastDoseAt = Math.max(live.lastDoseAt ?? 0, v.end);
		live.nextCheck = 0;
		return live.hotspot.name;
	}

	/** A dose found when an officer's visits were revised (a late fix). */
	dosed(hotspot: number, end: number): void {
		const live = this.live.get(hotspot);
		if (live) live.lastDoseAt = Math.max(live.lastDoseAt ?? 0, end);
	}

	/** The officer is inside nowhere until their visits are computed again. */
	forget(officer: number): void {
		for (const live of this.live.values()) live.present.delete(officer);
	}

	statuses(): HotspotStatus[] {
		return [...this.live.values()].map((l) => l.status).filter((s): s is HotspotStatus => s !== null);
	}

	/** Recomputes coverage where something changed or a deadline passed (`all`: everywhere); publishes the changes. */
	refresh(all: boolean): void {
		const now = this.deps.now();
		const changed: HotspotStatus[] = [];
		for (const live of this.live.values()) {
			if (!all && now < live.nextCheck) continue;
			const c = coverage({ windows: live.hotspot.windows, targetMs: this.targetMs, lastDoseAt: live.lastDoseAt, present: live.present.size }, now);
			live.nextCheck = nextCheck(c, now, live.hotspot.windows);
			const status: HotspotStatus = {
				hotspot: live.hotspot.id,
				state: c.state,
				present: [...live.present.keys()],
				presentSince: live.present.size ? Math.min(...live.present.values()) : null,
				lastDoseAt: live.lastDoseAt,
				dueAt: c.dueAt
			};
			if (!sameStatus(live.status, status)) {
				changed.push(status);
				if (c.state === 'gap' && !live.gap) this.deps.bus.publish('gap:opened', this.gapAlert(live, c));
				if (c.state !== 'gap' && live.gap) this.deps.bus.publish('gap:closed', { hotspot: live.hotspot.id, at: now });
				live.gap = c.state === 'gap';
			}
			live.status = status;
		}
		if (changed.length) this.deps.bus.publish('hotspots:status', changed);
	}

	private gapAlert(live: HotspotLive, c: Coverage): GapAlert {
		const busy = new Set<number>();
		for (const l of this.live.values()) for (const o of l.present.keys()) busy.add(o);
		const nearest = this.deps.officers
			.list()
			.flatMap((o) => (o.last && !busy.has(o.officer) ? [{ officer: o.officer, callsign: o.callsign, metres: Math.round(haversine([o.last.lon, o.last.lat], live.hotspot.centroid)) }] : []))
			.sort((a, b) => a.metres - b.metres)
			.slice(0, NEAREST);
		return { hotspot: live.hotspot.id, name: live.hotspot.name, since: c.dueAt ?? this.deps.now(), nearest };
	}
}

function nextCheck(c: Coverage, now: number, windows: Hotspot['windows']): number {
	// a hot spot going live must show at once, not at the next minute's sweep
	if (c.state === 'not-live') return Math.min(now + 60_000, nextWindowStart(windows, now) ?? Infinity);
	const deadlines = [c.dueAt, c.windowEnd].filter((t): t is number => t !== null && t > now);
	return Math.min(now + 60_000, ...deadlines);
}

function sameStatus(a: HotspotStatus | null, b: HotspotStatus): boolean {
	return (
		a !== null &&
		a.state === b.state &&
		a.lastDoseAt === b.lastDoseAt &&
		a.dueAt === b.dueAt &&
		a.presentSince === b.presentSince &&
		a.present.length === b.present.length &&
		a.present.every((x, i) => x === b.present[i])
	);
}
