import { fail } from '@sveltejs/kit';
import { DateTime } from 'luxon';
import { getPublishedSet } from '#lib/server/db/queries/hotspots.ts';
import { endTrial } from '#lib/server/db/queries/trials.ts';
import { createTrial, listTrials } from '#lib/server/services/trials.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const set = await getPublishedSet(app.db);
	const today = DateTime.fromMillis(app.now(), { zone: app.config.timezone });
	return {
		set: set ? { id: set.id, name: set.name } : null,
		trials: await listTrials(app.db),
		today: today.toISODate(),
		inFourWeeks: today.plus({ weeks: 4 }).toISODate()
	};
};

export const actions = {
	create: async ({ request, locals }) => {
		const { app } = locals;
		const form = await request.formData();
		const set = await getPublishedSet(app.db);
		if (!set) return fail(400, { error: 'Publish a hot spot set first: a trial randomises a published set.' });
		try {
			const id = await createTrial(
				app,
				{
					setId: set.id,
					name: String(form.get('name') || `Trial on ${set.name}`).slice(0, 120),
					fraction: Number(form.get('fraction') ?? 0.5),
					startDay: String(form.get('start') ?? ''),
					endDay: String(form.get('end') ?? ''),
					seed: String(form.get('seed') ?? '').trim() || undefined
				},
				locals.user!.id
			);
			return { created: id };
		} catch (e) {
			return fail(400, { error: (e as Error).message });
		}
	},
	end: async ({ request, locals }) => {
		const { app } = locals;
		const id = Number((await request.formData()).get('id'));
		await endTrial(app.db, id);
		return { ended: id };
	}
};
