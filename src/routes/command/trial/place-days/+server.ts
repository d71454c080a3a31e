import { error } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';
import { csvResponse, toCsv } from '#lib/server/csv-export.ts';
import { evaluateTrialSoFar, getTrial } from '#lib/server/services/trials.ts';

/** The trial's place-days as CSV (hotspot,day,arm,crimes,harm,doseMinutes,doses), for `cli evaluate` or R. */
export const GET = async ({ url }) => {
	const ctx = getContext();
	const trial = await getTrial(ctx.db, Number(url.searchParams.get('id')));
	if (!trial) error(404, 'No such trial.');
	const e = await evaluateTrialSoFar(ctx, trial, { permutations: 0 });
	const rows = (e.places ?? []).map((p) => [p.hotspot, p.day, p.arm, p.crimes, p.harm, p.doseMinutes ?? '', p.doses ?? '']);
	return csvResponse(`trial-${trial.id}-place-days.csv`, toCsv(['hotspot', 'day', 'arm', 'crimes', 'harm', 'doseMinutes', 'doses'], rows));
};
