// A shift's summary for commanders and supervisors: per hot spot, the dose delivered against the
// target (one dose per live window), patrol- and officer-minutes, visits, the share of visits of
// 10 minutes or more, foot share, unknown minutes and activities; per team; per officer only for
// supervisors (commanders see aggregates). Figures come from the presence engine's visits.
import { dosage } from '../../domain/dosage/dosage.ts';
import { liveWindowAt, occurrencesBetween } from '../../domain/hotspots/windows.ts';
import type { Window } from '../../domain/hotspots/types.ts';
import type { Shift } from '../../domain/shifts/shifts.ts';
import { activitiesBetween } from '../db/queries/activities.ts';
import { officerDirectory } from '../db/queries/users.ts';
import { visitsBetween, type StoredVisit } from '../db/queries/visits.ts';
import type { DbDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';

/** Live window occurrences overlapping [from, to), each once: one dose is due in each (docs/hotspots.md, What uses a set). */
export function windowRanges(windows: Window[], from: number, to: number): { start: number; end: number }[] {
	return occurrencesBetween(windows, from, to);
}

export function windowOccurrences(windows: Window[], from: number, to: number): number {
	return windowRanges(windows, from, to).length;
}

const BINS = [
	{ label: 'under 2', max: 2 },
	{ label: '2–5', max: 5 },
	{ label: '5–10', max: 10 },
	{ label: '10–15', max: 15 },
	{ label: '15–20', max: 20 },
	{ label: '20+', max: Infinity }
];

function foot(visits: StoredVisit[]): number | null {
	let f = 0;
	let known = 0;
	for (const v of visits) {
		f += v.modeMs.foot ?? 0;
		known += (v.modeMs.foot ?? 0) + (v.modeMs.vehicle ?? 0) + (v.modeMs.unknown ?? 0);
	}
	return known > 0 ? f / known : null;
}

export interface SummaryOptions {
	/** per-officer rows; docs/roles.md: supervisors yes, commanders see aggregates */
	perOfficer: boolean;
}

export async function shiftSummary(ctx: DbDeps, shift: Shift, opts: SummaryOptions) {
	const live = await publishedHotspots(ctx.db, shift.end);
	const hotspots = live?.hotspots ?? [];
	const range = { from: shift.start, to: Math.min(shift.end, ctx.now()) };
	const visits = await visitsBetween(ctx.db, shift.start, shift.end, { hotspots: hotspots.map((h) => h.id) });
	const dosageVisits = visits.map((v) => ({ ...v, officer: String(v.officer), hotspot: String(v.hotspot) }));
	const users = await officerDirectory(ctx.db, { officersOnly: true });
	const activities = await activitiesBetween(ctx.db, shift.start, shift.end);

	const rows = hotspots.map((h) => {
		const mine = visits.filter((v) => v.hotspot === h.id);
		const d = dosage(dosageVisits, String(h.id), range);
		const acts: Record<string, number> = {};
		for (const a of activities) if (a.hotspot === h.id) acts[a.kind] = (acts[a.kind] ?? 0) + 1;
		return {
			id: h.id,
			name: h.name,
			rank: h.rank,
			target: windowOccurrences(h.windows, shift.start, shift.end),
			doses: d.doses,
			patrolMinutes: d.patrolMinutes,
			officerMinutes: d.officerMinutes,
			visits: d.visits,
			longShare: mine.length ? mine.filter((v) => v.minutes >= 10).length / mine.length : null,
			footShare: foot(mine),
			unknownMinutes: d.unknownMinutes,
			longestGapMinutes: d.longestGapMinutes,
			activities: acts
		};
	});

	const teamOf = (officer: number) => users.get(officer)?.team ?? 'No team';
	const teams = new Map<string, { team: string; officers: Set<number>; visits: number; doses: number; minutes: number; activities: number }>();
	const team = (name: string) => {
		let t = teams.get(name);
		if (!t) teams.set(name, (t = { team: name, officers: new Set(), visits: 0, doses: 0, minutes: 0, activities: 0 }));
		return t;
	};
	for (const v of visits) {
		const t = team(teamOf(v.officer));
		t.officers.add(v.officer);
		t.visits++;
		t.doses += v.dose ? 1 : 0;
		t.minutes += v.minutes;
	}
	for (const a of activities) team(teamOf(a.officer)).activities++;

	const officers = opts.perOfficer
		? [...new Set(visits.map((v) => v.officer))].map((id) => {
				const mine = visits.filter((v) => v.officer === id);
				const u = users.get(id);
				return {
					officer: id,
					callsign: u?.callsign ?? u?.username ?? String(id),
					team: u?.team ?? null,
					visits: mine.length,
					doses: mine.filter((v) => v.dose).length,
					minutes: Math.round(mine.reduce((s, v) => s + v.minutes, 0)),
					footShare: foot(mine),
					activities: activities.filter((a) => a.officer === id).length
				};
			})
		: null;

	// coverage by hour: patrol-minutes across hot spots in each clock hour of the shift
	const hours: { hour: number; patrolMinutes: number; live: number }[] = [];
	for (let t = shift.start; t < shift.end; t += 3600_000) {
		const hr = { from: t, to: Math.min(t + 3600_000, shift.end) };
		let minutes = 0;
		let liveCount = 0;
		for (const h of hotspots) {
			minutes += dosage(dosageVisits, String(h.id), hr).patrolMinutes;
			if (liveWindowAt(h.windows, t + 1) || liveWindowAt(h.windows, hr.to - 1)) liveCount++;
		}
		hours.push({ hour: t, patrolMinutes: Math.round(minutes), live: liveCount });
	}

	const lengths = BINS.map((b, i) => ({
		label: b.label,
		count: visits.filter((v) => v.minutes >= (i === 0 ? 0 : BINS[i - 1].max) && v.minutes < b.max).length,
		inBand: b.label === '10–15'
	}));
	const total = {
		target: rows.reduce((s, r) => s + r.target, 0),
		doses: rows.reduce((s, r) => s + Math.min(r.doses, r.target), 0),
		dosesAll: rows.reduce((s, r) => s + r.doses, 0),
		visits: visits.length,
		patrolMinutes: Math.round(rows.reduce((s, r) => s + r.patrolMinutes, 0)),
		officerMinutes: Math.round(rows.reduce((s, r) => s + r.officerMinutes, 0)),
		unknownMinutes: Math.round(rows.reduce((s, r) => s + r.unknownMinutes, 0)),
		officers: new Set(visits.map((v) => v.officer)).size,
		activities: activities.length,
		footShare: foot(visits)
	};
	return {
		shift,
		set: live ? { id: live.set.id, name: live.set.name } : null,
		hotspots: rows,
		teams: [...teams.values()].map((t) => ({ ...t, officers: t.officers.size, minutes: Math.round(t.minutes) })).sort((a, b) => a.team.localeCompare(b.team)),
		officers,
		hours,
		lengths,
		total,
		final: shift.end <= ctx.now()
	};
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
