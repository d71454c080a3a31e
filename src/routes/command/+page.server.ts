import { error, fail } from '@sveltejs/kit';
import { experimentalWeek } from '#lib/domain/shifts/experimental-day.ts';
import { shiftsOn } from '#lib/domain/shifts/shifts.ts';
import { getContext } from '#lib/server/context.ts';
import { selectShift } from '#lib/server/services/shift-select.ts';
import { recognition, shiftSummary } from '#lib/server/services/summary.ts';
import { currentTrial } from '#lib/server/services/trials.ts';

export const load = async ({ url, locals }) => {
	const ctx = getContext();
	const shift = selectShift(ctx, url.searchParams);
	if ('error' in shift) error(400, shift.error);
	const week = experimentalWeek(ctx.now());
	return {
		role: locals.user!.role,
		summary: await shiftSummary(ctx, shift, { perOfficer: locals.user!.role === 'supervisor' }),
		shiftNames: ctx.config.shifts.shifts.map((s) => s.name),
		sameDay: shiftsOn(shift.date, ctx.config.shifts).map((s) => s.name),
		recognition: await recognition(ctx, week.start, week.end),
		trial: await currentTrial(ctx)
	};
};

export const actions = {
	default: async () => fail(405)
};
