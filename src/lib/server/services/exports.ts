// The exports BI tools read. Times are ISO 8601 UTC; officers appear by callsign only for
// supervisors, by team for commanders.
import { dosage } from '../../domain/dosage/dosage.ts';
import { visitsBetween } from '../db/queries/visits.ts';
import { toCsv } from '../csv-export.ts';
import type { AppContext } from '../context.ts';
import { publishedHotspots } from './hotspots.ts';
import { windowRanges } from './summary.ts';

type Range = { from: number; to: number };
const iso = (t: number) => new Date(t).toISOString();

async function officerNames(ctx: AppContext) {
	const rows = await ctx.db.selectFrom('users').select(['id', 'username', 'callsign', 'team']).execute();
	return new Map(rows.map((u) => [u.id, { callsign: u.callsign ?? u.username, team: u.team ?? '' }]));
}

async function hotspotNames(ctx: AppContext) {
	const rows = await ctx.db.selectFrom('hotspots').select(['id', 'name', 'set_id']).execute();
	return new Map(rows.map((h) => [h.id, h]));
}

export async function exportVisits(ctx: AppContext, r: Range, perOfficer: boolean): Promise<string> {
	const [visits, officers, hotspots] = await Promise.all([visitsBetween(ctx.db, r.from, r.to), officerNames(ctx), hotspotNames(ctx)]);
	return toCsv(
		['visit', 'set', 'hotspot', 'hotspot_name', perOfficer ? 'officer' : 'team', 'start', 'end', 'minutes', 'unknown_minutes', 'mode', 'stops', 'dose', 'open'],
		visits.map((v) => [
			v.id.split(':').slice(1).join(':') + (perOfficer ? `:${v.officer}` : ''),
			hotspots.get(v.hotspot)?.set_id ?? '',
			v.hotspot,
			hotspots.get(v.hotspot)?.name ?? '',
			perOfficer ? officers.get(v.officer)?.callsign : officers.get(v.officer)?.team,
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

export async function exportDosage(ctx: AppContext, r: Range): Promise<string> {
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

export async function exportActivities(ctx: AppContext, r: Range, perOfficer: boolean): Promise<string> {
	const [rows, officers, hotspots] = await Promise.all([
		ctx.db.selectFrom('activities').selectAll().where('t', '>=', r.from).where('t', '<', r.to).orderBy('t').execute(),
		officerNames(ctx),
		hotspotNames(ctx)
	]);
	// free notes can name people: supervisors only
	return toCsv(
		['activity', 'time', 'hotspot', 'hotspot_name', perOfficer ? 'officer' : 'team', 'kind', ...(perOfficer ? ['note'] : [])],
		rows.map((a) => [
			a.id,
			iso(a.t),
			a.hotspot_id ?? '',
			a.hotspot_id ? (hotspots.get(a.hotspot_id)?.name ?? '') : '',
			perOfficer ? officers.get(a.officer_id)?.callsign : officers.get(a.officer_id)?.team,
			a.kind,
			...(perOfficer ? [a.note ?? ''] : [])
		])
	);
}
