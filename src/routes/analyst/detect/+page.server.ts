import { fail, redirect } from '@sveltejs/kit';
import { DateTime } from 'luxon';
import { categoryCounts } from '#lib/server/db/queries/crimes.ts';
import { countExclusionAreas } from '#lib/server/db/queries/exclusions.ts';
import { CAPACITY_DEFAULTS, readCapacity } from '#lib/domain/hotspots/capacity.ts';
import { DETECTION_DEFAULTS, NoResultError, pruneDrafts, runDetection, type DetectionParams } from '#lib/server/services/detection.ts';
import { activeHarmTable } from '#lib/server/services/harm-tables.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const cats = await categoryCounts(app.db);
	const harm = await activeHarmTable(app.db);
	const exclusions = await countExclusionAreas(app.db);
	return {
		categories: cats.map((c) => ({ name: c.category, n: c.n, excluded: harm.excluded.includes(c.category) })),
		defaults: DETECTION_DEFAULTS,
		// the force's own shift pattern says how many shifts a day there are
		capacity: { ...CAPACITY_DEFAULTS, shiftsPerDay: Math.min(6, Math.max(1, app.config.shifts.shifts.length)) },
		exclusions
	};
};

function num(form: FormData, key: string, min: number, max: number, fallback: number): number | string {
	const raw = String(form.get(key) ?? '').trim();
	if (raw === '') return fallback;
	const n = Number(raw);
	return Number.isFinite(n) && n >= min && n <= max ? n : `${key}: a number from ${min} to ${max}`;
}

export const actions = {
	run: async ({ request, locals }) => {
		const { app } = locals;
		const form = await request.formData();
		const d = DETECTION_DEFAULTS;
		const fields = {
			cellM: num(form, 'cellM', 25, 2000, d.cellM),
			lookbackMonths: num(form, 'lookbackMonths', 3, 24, d.lookbackMonths),
			alpha: num(form, 'alpha', 1e-6, 0.5, d.alpha),
			maxCells: num(form, 'maxCells', 1, 50, d.maxCells),
			minCrimes: num(form, 'minCrimes', 1, 10000, d.minCrimes),
			top: num(form, 'top', 0, 10000, 0)
		};
		const problem = Object.values(fields).find((v) => typeof v === 'string');
		if (problem) return fail(400, { error: problem as string });
		const capacity = readCapacity({
			officers: form.get('officers') as string | null,
			patrolsPerOfficer: form.get('patrolsPerOfficer') as string | null,
			shiftsPerDay: form.get('shiftsPerDay') as string | null,
			dosesPerHotspot: form.get('dosesPerHotspot') as string | null
		});
		if ('error' in capacity) return fail(400, { error: capacity.error });
		const tz = String(form.get('tz') || d.tz);
		if (!DateTime.local().setZone(tz).isValid) return fail(400, { error: `tz: unknown time zone "${tz}"` });
		const untilText = String(form.get('until') ?? '').trim();
		let until: number | null = null;
		if (untilText) {
			const u = DateTime.fromISO(untilText, { zone: tz }).endOf('day');
			if (!u.isValid) return fail(400, { error: 'until: a date like 2024-04-30' });
			until = u.toMillis();
		}
		const types = form.getAll('types').map(String);
		const params: DetectionParams = {
			...d,
			...(fields as Record<string, number>),
			top: (fields.top as number) > 0 ? (fields.top as number) : null,
			shape: form.get('shape') === 'hex' ? 'hex' : 'square',
			metric: form.get('metric') === 'count' ? 'count' : 'harm',
			windows: (['auto', 'day-night', 'profile'] as const).find((w) => w === form.get('windows')) ?? 'auto',
			tz,
			until,
			// naming every category is the same as the default, except that it keeps excluded ones in
			types: types.length > 0 ? types : null,
			useExclusions: form.get('useExclusions') === 'on',
			capacity
		};
		const name = String(form.get('name') || `Hot spots ${DateTime.fromMillis(app.now(), { zone: tz }).toFormat('yyyy-MM-dd HH:mm')}`);
		let setId: number;
		try {
			({ setId } = await runDetection(app, name.slice(0, 120), params, locals.user!.id));
		} catch (e) {
			if (!(e instanceof NoResultError)) throw e;
			const remedy = { 'no-harm': ' Choose “count” under “Weigh by” to find hot spots by the number of records.', 'none-selected': ' Check the crime types, the look-back and its end.', 'no-records': ' Import crime records first.' }[e.why.kind];
			return fail(400, { error: `No hot spots: ${e.why.message}.${remedy}` });
		}
		await pruneDrafts(app.db);
		redirect(303, `/analyst/sets/${setId}`);
	}
};
