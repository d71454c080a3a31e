// A shift's summary for commanders and supervisors, as the page, the PDF and the exports show it:
// read here, figured by the pure summariseShift (docs/summaries.md says what each figure counts).
import { occurrencesBetween } from '../../domain/hotspots/windows.ts';
import type { Window } from '../../domain/hotspots/types.ts';
import type { Shift } from '../../domain/shifts/shifts.ts';
import { countedVisits, summariseShift } from '../../domain/summary/shift-summary.ts';
import { activitiesBetween, type Activity } from '../db/queries/activities.ts';
import { officerDirectory } from '../db/queries/users.ts';
import { visitsBetween, type StoredVisit } from '../db/queries/visits.ts';
import type { DbDeps } from './deps.ts';
import { publishedHotspots, type LiveSet } from './hotspots.ts';

/** Live window occurrences overlapping [from, to), each once: one dose is due in each (docs/summaries.md). */
export function windowRanges(windows: Window[], from: number, to: number): { start: number; end: number }[] {
	return occurrencesBetween(windows, from, to);
}

export function windowOccurrences(windows: Window[], from: number, to: number): number {
	return windowRanges(windows, from, to).length;
}

export interface SummaryOptions {
	/** per-officer rows; docs/roles.md: supervisors yes, commanders see aggregates */
	perOfficer: boolean;
}

export interface ShiftRecord {
	live: LiveSet | null;
	/** every visit to the set's hot spots overlapping the shift */
	visits: StoredVisit[];
	activities: Activity[];
	officers: Map<number, { callsign: string; team: string | null }>;
}

/** What a shift's summary and exports are made from, read once. */
export async function shiftRecord(ctx: DbDeps, shift: Shift): Promise<ShiftRecord> {
	const live = await publishedHotspots(ctx.db, shift.end);
	const hotspots = live?.hotspots ?? [];
	const visits = await visitsBetween(ctx.db, shift.start, shift.end, { hotspots: hotspots.map((h) => h.id) });
	const users = await officerDirectory(ctx.db, { officersOnly: true });
	const officers = new Map([...users.values()].map((u) => [u.id, { callsign: u.callsign ?? u.username, team: u.team }]));
	return { live, visits, activities: await activitiesBetween(ctx.db, shift.start, shift.end), officers };
}

/** The visits a shift's page counts (begun in it), for the per-visit export. */
export function shiftVisits(ctx: Pick<DbDeps, 'now'>, shift: Shift, record: ShiftRecord): StoredVisit[] {
	return countedVisits(record.visits, shift, ctx.now());
}

export function summarise(ctx: Pick<DbDeps, 'now'>, shift: Shift, record: ShiftRecord, opts: SummaryOptions) {
	const { live } = record;
	const figures = summariseShift({ shift, now: ctx.now(), hotspots: live?.hotspots ?? [], visits: record.visits, activities: record.activities, officers: record.officers, perOfficer: opts.perOfficer });
	return { ...figures, set: live ? { id: live.set.id, name: live.set.name } : null };
}

export async function shiftSummary(ctx: DbDeps, shift: Shift, opts: SummaryOptions) {
	return summarise(ctx, shift, await shiftRecord(ctx, shift), opts);
}

export type ShiftSummary = Awaited<ReturnType<typeof shiftSummary>>;

/**
 * The week's top patrollers by doses delivered. Only officers who opted in are named; the rest
 * are counted together, so recognition never becomes a league table nobody agreed to.
 */
export async function recognition(ctx: DbDeps, from: number, to: number, top = 5) {
	const visits = await visitsBetween(ctx.db, from, to);
	const users = await officerDirectory(ctx.db, { officersOnly: true });
	const doses = new Map<number, number>();
	for (const v of visits) if (v.dose && v.start >= from) doses.set(v.officer, (doses.get(v.officer) ?? 0) + 1);
	const ranked = [...doses.entries()].sort((a, b) => b[1] - a[1]);
	const named = ranked.filter(([id]) => users.get(id)?.recognition === true).slice(0, top);
	return {
		named: named.map(([id, n]) => ({ callsign: users.get(id)?.callsign ?? users.get(id)?.username ?? String(id), doses: n })),
		others: { officers: ranked.length - named.length, doses: ranked.filter(([id]) => !named.some(([n]) => n === id)).reduce((s, [, n]) => s + n, 0) }
	};
}
