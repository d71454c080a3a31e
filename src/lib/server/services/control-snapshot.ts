// The control room's resync point: who is on duty and where, each hot spot's state, every gap open
// now with the nearest free officers (as `gap:opened` says it, so a room opened mid-gap can act on
// it), and the recent taskings. Built from memory (fleet, presence) and two cached reads.
import { nearestFree, type Placed } from '../../domain/allocation/nearest.ts';
import type { ControlSnapshot, GapAlert, HotspotStatus } from '../../realtime/contract.ts';
import { listRecentTaskings } from '../db/queries/taskings.ts';
import type { DbDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';
import type { LiveFleet } from './live-fleet.ts';
import type { PresenceService } from './presence.ts';

/** taskings older than this are history, not the control room's business */
const TASKINGS_MS = 12 * 3600_000;

export interface ControlSnapshotDeps extends DbDeps {
	fleet: Pick<LiveFleet, 'list'>;
	presence: Pick<PresenceService, 'statuses'>;
}

export async function controlSnapshot(deps: ControlSnapshotDeps): Promise<ControlSnapshot> {
	const at = deps.now();
	const officers = deps.fleet.list();
	const hotspots = deps.presence.statuses();
	const live = await publishedHotspots(deps.db, at);
	const placed: Placed[] = officers.flatMap((o) => (o.last ? [{ officer: o.officer, callsign: o.callsign, lon: o.last.lon, lat: o.last.lat }] : []));
	return { at, officers, hotspots, gaps: openGaps(hotspots, live?.byId ?? new Map(), placed, at), taskings: await listRecentTaskings(deps.db, at - TASKINGS_MS) };
}

/** Gaps from the statuses, most overdue first; a status of a hot spot no longer published is skipped. */
export function openGaps(
	statuses: HotspotStatus[],
	byId: ReadonlyMap<number, { name: string; centroid: [number, number] }>,
	officers: Placed[],
	at: number
): GapAlert[] {
	const busy = new Set(statuses.flatMap((s) => s.present));
	return statuses
		.filter((s) => s.state === 'gap' && byId.has(s.hotspot))
		.map((s) => {
			const h = byId.get(s.hotspot)!;
			return { hotspot: s.hotspot, name: h.name, since: s.dueAt ?? at, nearest: nearestFree(officers, busy, h.centroid) };
		})
		.sort((a, b) => a.since - b.since);
}
