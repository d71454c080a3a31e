import { error, fail } from '@sveltejs/kit';
import { experimentalWeek } from '#lib/domain/shifts/experimental-day.ts';
import { shiftsOn } from '#lib/domain/shifts/shifts.ts';
import { selectShift } from '#lib/server/services/shift-select.ts';
import { recognition, shiftSummary } from '#lib/server/services/summary.ts';
import { currentTrial } from '#lib/server/services/trials.ts';
import { auditBy } from '#lib/server/services/audit.ts';

export const load = async ({ url, locals }) => {
	const { app } = locals;
	const shift = selectShift(app, url.searchParams);
	if ('error' in shift) error(400, shift.error);
	const week = experimentalWeek(app.now());
	const summary = await shiftSummary(app, shift, { perOfficer: locals.user!.role === 'supervisor' });
	// per-officer figures are personal data (supervisors only); commanders' aggregates are not
	if (summary.officers) await auditBy(app, locals.user, 'consultation', 'officer-figures', { shift: shift.label, officers: summary.officers.length });
	return {
		role: locals.user!.role,
		summary,
		shiftNames: app.config.shifts.shifts.map((s) => s.name),
		sameDay: shiftsOn(shift.date, app.config.shifts).map((s) => s.name),
		recognition: await recognition(app, week.start, week.end),
		week: week.label,
		trial: await currentTrial(app)
	};
};

export const actions = {
	default: async ({ locals }) => fail(405)
};
