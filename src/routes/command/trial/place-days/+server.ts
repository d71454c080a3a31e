import { error } from '@sveltejs/kit';
import { csvResponse, toCsv } from '#lib/server/csv-export.ts';
import { evaluateTrialSoFar, getTrial } from '#lib/server/services/trials.ts';
import { auditBy } from '#lib/server/services/audit.ts';

/** The trial's place-days as CSV (hotspot,day,arm,crimes,harm,doseMinutes,doses), for `cli evaluate` or R. */
export const GET = async ({ url, locals }) => {
	const { app } = locals;
	const trial = await getTrial(app.db, Number(url.searchParams.get('id')));
	if (!trial) error(404, 'No such trial.');
	const e = await evaluateTrialSoFar(app, trial, { permutations: 0 });
	const rows = (e.places ?? []).map((p) => [p.hotspot, p.day, p.arm, p.crimes, p.harm, p.doseMinutes ?? '', p.doses ?? '']);
	await auditBy(app, locals.user, 'disclosure', `export:trial-${trial.id}-place-days.csv`, { trial: trial.id, rows: rows.length }, `downloaded by ${locals.user!.username}`);
	return csvResponse(`trial-${trial.id}-place-days.csv`, toCsv(['hotspot', 'day', 'arm', 'crimes', 'harm', 'doseMinutes', 'doses'], rows));
};
