// A shift's summary (docs/summaries.md): one definition of every figure, so that the page, the
// PDF and the exports add up. A dose is a visit of 10 minutes or more inside (docs/presence.md
// rule 6); minutes are dosage's (rule 12).
//  - Visits, doses, officers and visit lengths count the visits that BEGAN in the shift, each in
//    exactly one shift; doses delivered are all of those doses.
//  - Doses due: one per hot spot for each of its live windows that overlaps the shift; a due dose
//    is met when a dose began in that window during the shift.
//  - Minutes (patrol, officer, unknown) are time inside DURING the shift, from every visit that
//    overlaps it, so a visit across a change of shift gives each shift its own minutes.
// Whole minutes are rounded so each column adds to its total (round.ts).
import { dosage, officerMs, patrolMs, type DosageVisit } from '../dosage/dosage.ts';
import { occurrencesBetween } from '../hotspots/windows.ts';
import type { Window } from '../hotspots/types.ts';
import type { Shift } from '../shifts/shifts.ts';
import { roundToTotal } from './round.ts';

export interface SummaryVisit extends Omit<DosageVisit, 'officer' | 'hotspot'> {
	officer: number;
	hotspot: number;
	minutes: number;
	mode: 'foot' | 'vehicle' | 'unknown';
	stops: number;
	modeMs: Record<string, number>;
}
export interface SummaryHotspot {
	id: number;
	name: string;
	rank: number;
	windows: Window[];
}
export interface SummaryActivity {
	officer: number;
	hotspot: number | null;
	kind: string;
}
export interface SummaryInput {
	shift: Shift;
	now: number;
	hotspots: readonly SummaryHotspot[];
	/** every visit to these hot spots that overlaps the shift */
	visits: readonly SummaryVisit[];
	/** every activity recorded in the shift */
	activities: readonly SummaryActivity[];
	officers: ReadonlyMap<number, { callsign: string; team: string | null }>;
	perOfficer: boolean;
}

export const NO_TEAM = 'No team';
const MIN = 60_000;
const BINS = [
	{ label: 'under 2', max: 2 },
	{ label: '2–5', max: 5 },
	{ label: '5–10', max: 10 },
	{ label: '10–15', max: 15 },
	{ label: '15–20', max: 20 },
	{ label: '20+', max: Infinity }
];

/** The visits a shift counts: those that began in it (up to `now` while it runs). */
export function countedVisits<V extends { start: number }>(visits: readonly V[], shift: Pick<Shift, 'start' | 'end'>, now: number): V[] {
	const to = Math.min(shift.end, now);
	return visits.filter((v) => v.start >= shift.start && v.start < to);
}

export function footShare(visits: readonly Pick<SummaryVisit, 'modeMs'>[]): number | null {
	let f = 0;
	let known = 0;
	for (const v of visits) {
		f += v.modeMs.foot ?? 0;
		known += (v.modeMs.foot ?? 0) + (v.modeMs.vehicle ?? 0) + (v.modeMs.unknown ?? 0);
	}
	return known > 0 ? f / known : null;
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
	const m = new Map<K, T[]>();
	for (const x of xs) {
		const k = key(x);
		const list = m.get(k);
		if (list) list.push(x);
		else m.set(k, [x]);
	}
	return m;
}

export function summariseShift(input: SummaryInput) {
	const { shift, hotspots, activities } = input;
	const range = { from: shift.start, to: Math.min(shift.end, input.now) };
	const visits = input.visits.filter((v) => hotspots.some((h) => h.id === v.hotspot));
	const counted = countedVisits(visits, shift, input.now);
	const teamOf = (officer: number) => input.officers.get(officer)?.team || NO_TEAM;
	const dosageVisits = visits.map((v) => ({ ...v, officer: String(v.officer), hotspot: String(v.hotspot) }));
	const clippedMinutes = (vs: readonly SummaryVisit[]) => sum(vs.map((v) => officerMs(v, range))) / MIN;

	const exact = hotspots.map((h) => {
		const all = visits.filter((v) => v.hotspot === h.id);
		const mine = counted.filter((v) => v.hotspot === h.id);
		const windows = occurrencesBetween(h.windows, shift.start, shift.end);
		const met = windows.filter((w) => mine.some((v) => v.dose && v.start >= w.start && v.start < w.end)).length;
		const d = dosage(dosageVisits, String(h.id), range);
		const acts: Record<string, number> = {};
		for (const a of activities) if (a.hotspot === h.id) acts[a.kind] = (acts[a.kind] ?? 0) + 1;
		return {
			row: {
				id: h.id,
				name: h.name,
				rank: h.rank,
				due: windows.length,
				met,
				doses: mine.filter((v) => v.dose).length,
				visits: mine.length,
				longShare: mine.length ? mine.filter((v) => v.minutes >= 10).length / mine.length : null,
				footShare: footShare(mine),
				longestGapMinutes: Math.round(d.longestGapMinutes),
				activities: acts
			},
			patrol: patrolMs(all, range) / MIN,
			officer: clippedMinutes(all),
			unknown: d.unknownMinutes
		};
	});
	const patrol = roundToTotal(exact.map((e) => e.patrol));
	const officer = roundToTotal(exact.map((e) => e.officer));
	const unknown = roundToTotal(exact.map((e) => e.unknown));
	const rows = exact.map((e, i) => ({ ...e.row, patrolMinutes: patrol[i], officerMinutes: officer[i], unknownMinutes: unknown[i] }));

	const teamNames = [...new Set([...visits.map((v) => teamOf(v.officer)), ...activities.map((a) => teamOf(a.officer))])].sort((a, b) => a.localeCompare(b));
	const teamVisits = groupBy(visits, (v) => teamOf(v.officer));
	const teamMinutes = roundToTotal(teamNames.map((t) => clippedMinutes(teamVisits.get(t) ?? [])));
	const teams = teamNames.map((team, i) => {
		const mine = counted.filter((v) => teamOf(v.officer) === team);
		return {
			team,
			officers: new Set(mine.map((v) => v.officer)).size,
			visits: mine.length,
			doses: mine.filter((v) => v.dose).length,
			minutes: teamMinutes[i],
			activities: activities.filter((a) => teamOf(a.officer) === team).length
		};
	});

	return {
		shift,
		hotspots: rows,
		teams,
		officers: input.perOfficer ? perOfficer(input, visits, counted, range) : null,
		byHotspotTeam: byHotspotTeam(visits, counted, teamOf, range),
		hours: coverageByHour(visits, shift, range),
		lengths: BINS.map((b, i) => ({
			label: b.label,
			count: counted.filter((v) => v.minutes >= (i === 0 ? 0 : BINS[i - 1].max) && v.minutes < b.max).length,
			inBand: b.label === '10–15'
		})),
		total: {
			due: sum(rows.map((r) => r.due)),
			met: sum(rows.map((r) => r.met)),
			doses: sum(rows.map((r) => r.doses)),
			visits: counted.length,
			officers: new Set(counted.map((v) => v.officer)).size,
			patrolMinutes: sum(patrol),
			officerMinutes: sum(officer),
			unknownMinutes: sum(unknown),
			activities: activities.length,
			activitiesAtHotspots: activities.filter((a) => hotspots.some((h) => h.id === a.hotspot)).length,
			footShare: footShare(counted)
		},
		final: shift.end <= input.now
	};
}

type Range = { from: number; to: number };

/** Supervisors only (docs/roles.md): every officer with a visit or time inside in the shift. */
function perOfficer(input: SummaryInput, visits: readonly SummaryVisit[], counted: readonly SummaryVisit[], range: Range) {
	const begun = new Set(counted);
	const callsign = (id: number) => input.officers.get(id)?.callsign ?? String(id);
	const ids = [...new Set(visits.filter((v) => begun.has(v) || officerMs(v, range) > 0).map((v) => v.officer))].sort((a, b) => callsign(a).localeCompare(callsign(b)));
	const minutes = roundToTotal(ids.map((id) => sum(visits.filter((v) => v.officer === id).map((v) => officerMs(v, range))) / MIN));
	return ids.map((id, i) => {
		const mine = counted.filter((v) => v.officer === id);
		const u = input.officers.get(id);
		return {
			officer: id,
			callsign: callsign(id),
			team: u?.team ?? null,
			visits: mine.length,
			doses: mine.filter((v) => v.dose).length,
			minutes: minutes[i],
			footShare: footShare(mine),
			activities: input.activities.filter((a) => a.officer === id).length
		};
	});
}

/** Per hot spot and team, for commanders' exports: counts and exact minutes, no visit's times. */
function byHotspotTeam(visits: readonly SummaryVisit[], counted: readonly SummaryVisit[], teamOf: (o: number) => string, range: Range) {
	const begun = new Set(counted);
	const groups = groupBy(visits, (v) => JSON.stringify([v.hotspot, teamOf(v.officer)]));
	return [...groups.entries()]
		.map(([key, all]) => {
			const [hotspot, team] = JSON.parse(key) as [number, string];
			const mine = all.filter((v) => begun.has(v));
			return {
				hotspot,
				team,
				visits: mine.length,
				doses: mine.filter((v) => v.dose).length,
				officerMinutes: Math.round((sum(all.map((v) => officerMs(v, range))) / MIN) * 1000) / 1000,
				footVisits: mine.filter((v) => v.mode === 'foot').length,
				vehicleVisits: mine.filter((v) => v.mode === 'vehicle').length,
				stops: sum(mine.map((v) => v.stops))
			};
		})
		.sort((a, b) => a.hotspot - b.hotspot || a.team.localeCompare(b.team));
}

/** Patrol-minutes across hot spots in each clock hour of the shift; the hours add to the total. */
function coverageByHour(visits: readonly SummaryVisit[], shift: Shift, range: Range) {
	const byHotspot = [...groupBy(visits, (v) => v.hotspot).values()];
	const hours: { hour: number; exact: number }[] = [];
	for (let t = shift.start; t < shift.end; t += 3600_000) {
		const hr = { from: Math.max(t, range.from), to: Math.min(t + 3600_000, range.to) };
		const ms = hr.to > hr.from ? sum(byHotspot.map((vs) => patrolMs(vs, hr))) : 0;
		hours.push({ hour: t, exact: ms / MIN });
	}
	const rounded = roundToTotal(hours.map((h) => h.exact));
	return hours.map((h, i) => ({ hour: h.hour, patrolMinutes: rounded[i] }));
}

export type ShiftSummaryFigures = ReturnType<typeof summariseShift>;
