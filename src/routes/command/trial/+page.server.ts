import { error } from '@sveltejs/kit';
import { hotspotNames } from '#lib/server/db/queries/hotspots.ts';
import { assignment, currentTrial, evaluateTrialSoFar, getTrial, listTrials, trialDay } from '#lib/server/services/trials.ts';

export const load = async ({ url, locals }) => {
	const { app } = locals;
	const id = url.searchParams.get('id');
	const trial = id ? await getTrial(app.db, Number(id)) : ((await currentTrial(app)) ?? (await listTrials(app.db))[0] ?? null);
	if (id && !trial) error(404, 'No such trial.');
	if (!trial) return { trial: null, trials: [], role: locals.user!.role };
	const names = new Map([...(await hotspotNames(app.db, trial.set_id)).values()].map((h) => [h.id, h.name]));
	const today = trialDay(trial, app.now());
	const schedule = async (day: string) =>
		day >= trial.start_day && day <= trial.end_day
			? [...(await assignment(app, trial, day)).entries()].map(([h, arm]) => ({ hotspot: names.get(h) ?? String(h), arm })).sort((a, b) => a.arm.localeCompare(b.arm) || a.hotspot.localeCompare(b.hotspot))
			: null;
	const tomorrow = new Date(`${today}T12:00:00Z`);
	tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
	const evaluation = await evaluateTrialSoFar(app, trial);
	return {
		role: locals.user!.role,
		trial,
		trials: await listTrials(app.db),
		today: { day: today, arms: await schedule(today) },
		tomorrow: { day: tomorrow.toISOString().slice(0, 10), arms: await schedule(tomorrow.toISOString().slice(0, 10)) },
		evaluation: { days: evaluation.days, records: evaluation.records, result: evaluation.result, displacement: evaluation.displacement, built: evaluation.built }
	};
};
