// The exports of one shift, as the summary page shows it (docs/summaries.md): the same visits,
// the same hot spots, the same totals. Supervisors get one row per visit the page counts and one
// per activity; commanders get the page's aggregates only (docs/roles.md) — per hot spot and team,
// no visit's start or end and no note. Times are ISO 8601 UTC.
import type { Shift } from '../../domain/shifts/shifts.ts';
import { NO_TEAM } from '../../domain/summary/shift-summary.ts';
import { toCsv } from '../csv-export.ts';
import type { DbDeps } from './deps.ts';
import { shiftRecord, shiftVisits, summarise } from './summary.ts';

export type ShiftExportKind = 'visits' | 'dosage' | 'activities';
const iso = (t: number) => new Date(t).toISOString();

export async function exportShift(ctx: DbDeps, shift: Shift, kind: ShiftExportKind, perOfficer: boolean): Promise<string> {
	const record = await shiftRecord(ctx, shift);
	const s = summarise(ctx, shift, record, { perOfficer: false });
	const setId = s.set?.id ?? '';
	const names = new Map(s.hotspots.map((h) => [h.id, h.name]));
	const head = [shift.date, shift.name];

	if (kind === 'dosage') {
		return toCsv(
			['shift_date', 'shift', 'set', 'hotspot', 'hotspot_name', 'doses_due', 'doses_due_met', 'doses_delivered', 'visits', 'patrol_minutes', 'officer_minutes', 'unknown_minutes', 'longest_gap_minutes'],
			s.hotspots.map((h) => [...head, setId, h.id, h.name, h.due, h.met, h.doses, h.visits, h.patrolMinutes, h.officerMinutes, h.unknownMinutes, h.longestGapMinutes])
		);
	}
	if (kind === 'visits' && perOfficer) {
		return toCsv(
			['shift_date', 'shift', 'visit', 'set', 'hotspot', 'hotspot_name', 'officer', 'team', 'start', 'end', 'minutes', 'unknown_minutes', 'mode', 'stops', 'dose', 'open'],
			shiftVisits(ctx, shift, record).map((v) => {
				const o = record.officers.get(v.officer);
				return [...head, `${v.hotspot}:${v.start}:${v.officer}`, setId, v.hotspot, names.get(v.hotspot) ?? '', o?.callsign ?? String(v.officer), o?.team || NO_TEAM, iso(v.start), iso(v.end), v.minutes, v.unknownMinutes, v.mode, v.stops, v.dose, v.open];
			})
		);
	}
	if (kind === 'visits') {
		return toCsv(
			['shift_date', 'shift', 'set', 'hotspot', 'hotspot_name', 'team', 'visits', 'doses', 'officer_minutes', 'foot_visits', 'vehicle_visits', 'stops'],
			s.byHotspotTeam.map((g) => [...head, setId, g.hotspot, names.get(g.hotspot) ?? '', g.team, g.visits, g.doses, g.officerMinutes, g.footVisits, g.vehicleVisits, g.stops])
		);
	}
	const hotspotName = (id: number | null) => (id === null ? '' : (names.get(id) ?? ''));
	const teamOf = (officer: number) => record.officers.get(officer)?.team || NO_TEAM;
	if (perOfficer) {
		// free notes can name people: supervisors only
		return toCsv(
			['shift_date', 'shift', 'activity', 'time', 'hotspot', 'hotspot_name', 'officer', 'team', 'kind', 'note'],
			record.activities.map((a) => [...head, a.id, iso(a.t), a.hotspot ?? '', hotspotName(a.hotspot), record.officers.get(a.officer)?.callsign ?? String(a.officer), teamOf(a.officer), a.kind, a.note ?? ''])
		);
	}
	const counts = new Map<string, number>();
	for (const a of record.activities) {
		const key = JSON.stringify([a.hotspot ?? null, teamOf(a.officer), a.kind]);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const groups = [...counts.entries()].map(([key, n]) => [...(JSON.parse(key) as [number | null, string, string]), n] as const);
	groups.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));
	return toCsv(
		['shift_date', 'shift', 'hotspot', 'hotspot_name', 'team', 'kind', 'count'],
		groups.map(([hotspot, team, kind, n]) => [...head, hotspot ?? '', hotspotName(hotspot), team, kind, n])
	);
}
