// Publishing with a look first, and a way back. Publishing switches every officer's phone and
// the control room at once, so the analyst sees what changes (hot spots added, removed, kept
// against the live set) and the day's workload against the capacity the set was found for, then
// confirms; the set published before can be brought back in one step. Both are audited.
import { CAPACITY_DEFAULTS, dailyWorkload, readCapacity, type Capacity } from '../../domain/hotspots/capacity.ts';
import { publishDiff } from '../../domain/hotspots/publish-diff.ts';
import { getHotspotSet, getPublishedSet, listHotspots, previousPublishedSet, type Hotspot, type HotspotSet } from '../db/queries/hotspots.ts';
import type { BusDeps, DbDeps } from './deps.ts';
import { auditBy } from './audit.ts';
import { publishSet } from './detection.ts';

type Actor = { id: number; username: string } | null;
const brief = (h: Hotspot) => ({ id: h.id, name: h.name, rank: h.rank, crimes: h.crimes, harm: h.harm });

/** The capacity a set was found for (its parameters), or the defaults for sets found before capacity existed. */
export function capacityOf(set: HotspotSet): Capacity {
	const c = set.params.capacity as Partial<Record<keyof Capacity, number>> | null | undefined;
	const read = c ? readCapacity(c) : CAPACITY_DEFAULTS;
	return 'error' in read ? CAPACITY_DEFAULTS : read;
}

export async function publishPreview(ctx: DbDeps, setId: number) {
	const set = await getHotspotSet(ctx.db, setId);
	if (!set) return null;
	const live = await getPublishedSet(ctx.db);
	const [next, current] = await Promise.all([listHotspots(ctx.db, set.id), live ? listHotspots(ctx.db, live.id) : Promise.resolve([])]);
	const diff = publishDiff(current, next);
	const capacity = capacityOf(set);
	return {
		set: { id: set.id, name: set.name, status: set.status, targetIntervalS: set.targetIntervalS },
		live: live ? { id: live.id, name: live.name, hotspots: current.length, publishedAt: live.publishedAt } : null,
		added: diff.added.map(brief),
		removed: diff.removed.map(brief),
		kept: diff.kept.map((k) => ({ ...brief(k.next), was: k.live.name })),
		capacity,
		workload: dailyWorkload(next.length, capacity),
		liveWorkload: live ? dailyWorkload(current.length, capacityOf(live)) : null
	};
}

export type PublishPreview = NonNullable<Awaited<ReturnType<typeof publishPreview>>>;

/** Publishes a set after the analyst saw its preview; the set it replaces is named in the audit row. */
export async function confirmPublish(ctx: BusDeps, user: Actor, setId: number, targetIntervalS: number): Promise<void> {
	const before = await getPublishedSet(ctx.db);
	await publishSet(ctx, setId, targetIntervalS);
	const n = (await listHotspots(ctx.db, setId)).length;
	await auditBy(ctx, user, 'alteration', `hotspot-set:${setId}`, { event: 'published', replaced: before?.id ?? null, hotspots: n, targetIntervalS });
}

/** Brings back the set published before the live one; null when there is none. */
export async function restorePrevious(ctx: BusDeps, user: Actor): Promise<{ restored: HotspotSet; replaced: number | null } | null> {
	const previous = await previousPublishedSet(ctx.db);
	if (!previous) return null;
	const before = await getPublishedSet(ctx.db);
	await publishSet(ctx, previous.id);
	await auditBy(ctx, user, 'alteration', `hotspot-set:${previous.id}`, { event: 'restored', replaced: before?.id ?? null });
	return { restored: previous, replaced: before?.id ?? null };
}

export { previousPublishedSet };
