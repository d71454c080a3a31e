// Dosage (docs/presence.md rule 12): per hot spot and time range, from the presence engine's visits.
//  - patrol-minutes: time with at least one officer inside (union of inside intervals), the
//    figure a hot spot's dose target is about;
//  - officer-minutes: the sum over officers (two officers for 10 minutes = 20);
//  - unknown minutes: time some visit could not see (phone silent) and no officer was seen
//    inside, so patrol-minutes is a floor and patrol + unknown a ceiling, honestly;
//  - visits and doses: those that start in the range, so each is counted in exactly one range;
//  - gaps: stretches of the range with no visit in progress, the longest among them.
// Minutes are rounded to 2 decimals, as visits are.
import { roundMinutes, type VisitRecord } from '../presence/types.ts';

export type DosageVisit = Pick<VisitRecord, 'officer' | 'hotspot' | 'start' | 'end' | 'inside' | 'unknown' | 'dose' | 'open'>;

export interface Range {
	/** epoch ms, inclusive */
	from: number;
	/** epoch ms, exclusive; "now" for a range still running */
	to: number;
}

export interface Gap {
	from: number;
	to: number;
	minutes: number;
}

export interface Dosage extends Range {
	hotspot: string;
	patrolMinutes: number;
	officerMinutes: number;
	unknownMinutes: number;
	visits: number;
	doses: number;
	officers: number;
	gaps: Gap[];
	longestGapMinutes: number;
}

type Interval = [number, number];

/** Sorted, merged, clipped to the range. */
function union(list: Interval[], r: Range): Interval[] {
	const clipped = list
		.map(([a, b]): Interval => [Math.max(a, r.from), Math.min(b, r.to)])
		.filter(([a, b]) => b > a)
		.sort((x, y) => x[0] - y[0]);
	const out: Interval[] = [];
	for (const [a, b] of clipped) {
		const last = out.at(-1);
		if (last && a <= last[1]) last[1] = Math.max(last[1], b);
		else out.push([a, b]);
	}
	return out;
}

const total = (list: Interval[]) => list.reduce((s, [a, b]) => s + (b - a), 0);

/** Milliseconds with at least one of `visits` inside, within the range (patrol time, exact). */
export function patrolMs(visits: readonly Pick<DosageVisit, 'inside'>[], range: Range): number {
	return total(union(visits.flatMap((v) => v.inside), range));
}

/** Milliseconds one visit was inside within the range (its share of officer time, exact). */
export function officerMs(visit: Pick<DosageVisit, 'inside'>, range: Range): number {
	return total(union(visit.inside, range));
}

/** Length of `a` not covered by `b` (both merged and sorted). */
function minus(a: Interval[], b: Interval[]): number {
	let left = total(a);
	for (const [x, y] of a) for (const [u, v] of b) left -= Math.max(0, Math.min(y, v) - Math.max(x, u));
	return left;
}

/** Dosage of one hot spot over one range. An open visit counts as in progress until `to`. */
export function dosage(visits: readonly DosageVisit[], hotspot: string, range: Range): Dosage {
	const mine = visits.filter((v) => v.hotspot === hotspot);
	const insideAll = mine.flatMap((v) => v.inside);
	const patrol = union(insideAll, range);
	const officerMs = mine.reduce((s, v) => s + total(union(v.inside, range)), 0);
	const unknownMs = minus(union(mine.flatMap((v) => v.unknown), range), patrol);
	const starting = mine.filter((v) => v.start >= range.from && v.start < range.to);
	const covered = union(mine.map((v): Interval => [v.start, v.open ? range.to : v.end]), range);
	const gaps: Gap[] = [];
	let cursor = range.from;
	for (const [a, b] of [...covered, [range.to, range.to] as Interval]) {
		if (a > cursor) gaps.push({ from: cursor, to: a, minutes: roundMinutes(a - cursor) });
		cursor = Math.max(cursor, b);
	}
	return {
		hotspot,
		from: range.from,
		to: range.to,
		patrolMinutes: roundMinutes(total(patrol)),
		officerMinutes: roundMinutes(officerMs),
		unknownMinutes: roundMinutes(unknownMs),
		visits: starting.length,
		doses: starting.filter((v) => v.dose).length,
		officers: new Set(mine.filter((v) => union(v.inside, range).length > 0).map((v) => v.officer)).size,
		gaps,
		longestGapMinutes: gaps.reduce((m, g) => Math.max(m, g.minutes), 0)
	};
}

/** Dosage of each hot spot over the same range (hot spots without visits included). */
export function dosageByHotspot(visits: readonly DosageVisit[], hotspots: readonly string[], range: Range): Dosage[] {
	const by = new Map<string, DosageVisit[]>(hotspots.map((h) => [h, []]));
	for (const v of visits) by.get(v.hotspot)?.push(v);
	return hotspots.map((h) => dosage(by.get(h)!, h, range));
}
