// The exports BI tools read. Times are ISO 8601 UTC. Supervisors get one row per visit and per
// activity, by callsign; commanders see aggregates (docs/roles.md), so they get visits and
// activities summed per hot spot, team and day in the force's zone — no visit's start or end, so
// no officer's movements can be read back from a team's rows.
import { DateTime } from 'luxon';
import { dosage } from '../../domain/dosage/dosage.ts';
import { activitiesBetween } from '../db/queries/activities.ts';
import { hotspotNames as namesOfHotspots } from '../db/queries/hotspots.ts';
import { officerDirectory } from '../db/queries/users.ts';
import { visitsBetween, type StoredVisit } from '../db/queries/visits.ts';
import { toCsv } from '../csv-export.ts';
import type { ZonedDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';
import { windowRanges } from './summary.ts';

type Range = { from: number; to: number };
const iso = (t: number) => new Date(t).toISOString();

type Officers = Awaited<ReturnType<typeof officerNames>>;
type Hotspots = Awaited<ReturnType<typeof hotspotNames>>;

async function officerNames(ctx: ZonedDeps) {
	const users = await officerDirectory(ctx.db, { officersOnly: false });
	return new Map([...users.values()].map((u) => [u.id, { callsign: u.callsign ?? u.username, team: u.team ?? '' }]));
}

async function hotspotNames(ctx: ZonedDeps) {
	return namesOfHotspots(ctx.db);
}

export async function exportVisits(ctx: ZonedDeps, r: Range, perOfficer: boolean): Promise<string> {
	const [visits, officers, hotspots] = await Promise.all([visitsBetween(ctx.db, r.from, r.to), officerNames(ctx), hotspotNames(ctx)]);
	if (!perOfficer) return visitsByTeamAndDay(ctx, visits, officers, hotspots);
	return toCsv(
		['visit', 'set', 'hotspot', 'hotspot_name', 'officer', 'start', 'end', 'minutes', 'unknown_minutes', 'mode', 'stops', 'dose', 'open'],
		visits.map((v) => [
			v.id.split(':').slice(1).join(':') + `:${v.officer}`,
			hotspots.get(v.hotspot)?.set_id ?? '',
			v.hotspot,
			hotspots.get(v.hotspot)?.name ?? '',
			officers.get(v.officer)?.callsign,
			iso(v.start),
			iso(v.end),
			v.minutes,
			v.unknownMinutes,
			v.mode,
			v.stops,
			v.dose,
			v.open
		])
	);
}

const NO_TEAM = '(no team)';
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Per hot spot, team and day (the day a visit began, in the force's zone): counts and sums only. */
function visitsByTeamAndDay(ctx: ZonedDeps, visits: StoredVisit[], officers: Officers, hotspots: Hotspots): string {
	const groups = new Map<string, { day: string; hotspot: number; team: string; visits: number; minutes: number; unknown: number; doses: number; foot: number; vehicle: number; stops: number }>();
	for (const v of visits) {
		const day = DateTime.fromMillis(v.start, { zone: ctx.config.timezone }).toISODate()!;
		const team = officers.get(v.officer)?.team || NO_TEAM;
		const key = JSON.stringify([day, v.hotspot, team]);
		let g = groups.get(key);
		if (!g) groups.set(key, (g = { day, hotspot: v.hotspot, team, visits: 0, minutes: 0, unknown: 0, doses: 0, foot: 0, vehicle: 0, stops: 0 }));
		g.visits++;
		g.minutes += v.minutes;
		g.unknown += v.unknownMinutes;
		g.doses += v.dose ? 1 : 0;
		g.foot += v.mode === 'foot' ? 1 : 0;
		g.vehicle += v.mode === 'vehicle' ? 1 : 0;
		g.stops += v.stops;
	}
	const rows = [...groups.values()].sort((a, b) => a.day.localeCompare(b.day) || a.hotspot - b.hotspot || a.team.localeCompare(b.team));
	return toCsv(
		['day', 'set', 'hotspot', 'hotspot_name', 'team', 'visits', 'minutes', 'unknown_minutes', 'doses', 'foot_visits', 'vehicle_visits', 'stops'],
		rows.map((g) => [g.day, hotspots.get(g.hotspot)?.set_id ?? '', g.hotspot, hotspots.get(g.hotspot)?.name ?? '', g.team, g.visits, round3(g.minutes), round3(g.unknown), g.doses, g.foot, g.vehicle, g.stops])
	);
}

export async function exportDosage(ctx: ZonedDeps, r: Range): Promise<string> {
	const live = await publishedHotspots(ctx.db, r.to);
	const hotspots = live?.hotspots ?? [];
	const visits = (await visitsBetween(ctx.db, r.from - 24 * 3600_000, r.to, { hotspots: hotspots.map((h) => h.id) })).map((v) => ({
		...v,
		officer: String(v.officer),
		hotspot: String(v.hotspot)
	}));
	const rows: unknown[][] = [];
	for (const h of hotspots) {
		for (const w of windowRanges(h.windows, r.from, r.to)) {
			const d = dosage(visits, String(h.id), { from: w.start, to: Math.min(w.end, ctx.now()) });
			rows.push([live!.set.id, h.id, h.name, iso(w.start), iso(w.end), d.patrolMinutes, d.officerMinutes, d.visits, d.doses, d.doses > 0 ? 1 : 0, d.unknownMinutes, d.longestGapMinutes]);
		}
	}
	return toCsv(['set', 'hotspot', 'hotspot_name', 'window_start', 'window_end', 'patrol_minutes', 'officer_minutes', 'visits', 'doses', 'dose_target_met', 'unknown_minutes', 'longest_gap_minutes'], rows);
}

export async function exportActivities(ctx: ZonedDeps, r: Range, perOfficer: boolean): Promise<string> {
	const [rows, officers, hotspots] = await Promise.all([
		activitiesBetween(ctx.db, r.from, r.to),
		officerNames(ctx),
		hotspotNames(ctx)
	]);
	const hotspotName = (id: number | null) => (id ? (hotspots.get(id)?.name ?? '') : '');
	if (perOfficer) {
		// free notes can name people: supervisors only
		return toCsv(
			['activity', 'time', 'hotspot', 'hotspot_name', 'officer', 'kind', 'note'],
			rows.map((a) => [a.id, iso(a.t), a.hotspot ?? '', hotspotName(a.hotspot), officers.get(a.officer)?.callsign, a.kind, a.note ?? ''])
		);
	}
	const counts = new Map<string, number>();
	for (const a of rows) {
		const day = DateTime.fromMillis(Number(a.t), { zone: ctx.config.timezone }).toISODate()!;
		const key = JSON.stringify([day, a.hotspot ?? null, officers.get(a.officer)?.team || NO_TEAM, a.kind]);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const groups = [...counts.entries()].map(([key, n]) => [...(JSON.parse(key) as [string, number | null, string, string]), n] as const);
	groups.sort((a, b) => a[0].localeCompare(b[0]) || (a[1] ?? 0) - (b[1] ?? 0) || a[2].localeCompare(b[2]) || a[3].localeCompare(b[3]));
	return toCsv(
		['day', 'hotspot', 'hotspot_name', 'team', 'kind', 'count'],
		groups.map(([day, hotspot, team, kind, n]) => [day, hotspot ?? '', hotspotName(hotspot), team, kind, n])
	);
}
