import { error } from '@sveltejs/kit';
import { DateTime } from 'luxon';
import { csvResponse } from '#lib/server/csv-export.ts';
import { auditBy } from '#lib/server/services/audit.ts';
import { exportActivities, exportDosage, exportVisits } from '#lib/server/services/exports.ts';
import { exportShift, type ShiftExportKind } from '#lib/server/services/shift-exports.ts';
import { selectShift } from '#lib/server/services/shift-select.ts';

const KINDS = ['visits', 'dosage', 'activities'];

/**
 * CSV for BI tools: visits, dosage per hot spot and live window, activities. Supervisors get one
 * row per visit or activity by callsign; commanders get sums per hot spot, team and day, without
 * any visit's times (docs/roles.md: commanders see aggregates). With ?date=&shift= (the summary
 * page's buttons) the export is that shift exactly as the page counts it (docs/summaries.md);
 * with ?from=&to= it covers whole days.
 */
export const GET = async ({ params, url, locals }) => {
	const { app } = locals;
	if (!KINDS.includes(params.kind)) error(404, 'exports are visits, dosage and activities');
	const perOfficer = locals.user!.role === 'supervisor';
	if (url.searchParams.has('date') || url.searchParams.has('shift')) {
		const shift = selectShift(app, url.searchParams);
		if ('error' in shift) error(400, shift.error);
		const name = `${params.kind}-${shift.date}-${shift.name}.csv`;
		const body = await exportShift(app, shift, params.kind as ShiftExportKind, perOfficer);
		await auditBy(app, locals.user, 'disclosure', `export:${name}`, { kind: params.kind, shift: shift.label, perOfficer }, `downloaded by ${locals.user!.username}`);
		return csvResponse(name, body);
	}
	const tz = app.config.timezone;
	const day = (name: string, fallback: DateTime) => {
		const v = url.searchParams.get(name);
		if (!v) return fallback;
		const d = DateTime.fromISO(v, { zone: tz });
		if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(v)) error(400, `${name}: a date like 2026-11-26`);
		return d;
	};
	const today = DateTime.fromMillis(app.now(), { zone: tz }).startOf('day');
	const from = day('from', today.minus({ days: 7 })).startOf('day');
	const to = day('to', today).endOf('day');
	if (to < from) error(400, 'to must not be before from');
	if (to.diff(from, 'days').days > 400) error(400, 'at most 400 days at a time');
	const range = { from: from.toMillis(), to: to.toMillis() + 1 };
	const name = `${params.kind}-${from.toISODate()}-${to.toISODate()}.csv`;
	const make = { visits: () => exportVisits(app, range, perOfficer), dosage: () => exportDosage(app, range), activities: () => exportActivities(app, range, perOfficer) }[params.kind];
	if (!make) error(404, 'exports are visits, dosage and activities');
	const body = await make();
	await auditBy(app, locals.user, 'disclosure', `export:${name}`, { kind: params.kind, from: from.toISODate(), to: to.toISODate(), perOfficer }, `downloaded by ${locals.user!.username}`);
	return csvResponse(name, body);
};
