import { error, fail, redirect } from '@sveltejs/kit';
import { confirmPublish, publishPreview } from '#lib/server/services/publish.ts';

export const load = async ({ params, locals }) => {
	const preview = await publishPreview(locals.app, Number(params.id));
	if (!preview) error(404, 'No such hot spot set.');
	return { preview };
};

export const actions = {
	default: async ({ params, request, locals }) => {
		const form = await request.formData();
		const hours = Number(form.get('targetHours') ?? 4);
		if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 7) return fail(400, { error: 'Target interval between doses: hours, more than 0 and at most 168.' });
		const preview = await publishPreview(locals.app, Number(params.id));
		if (!preview) error(404, 'No such hot spot set.');
		if (preview.set.status === 'published') return fail(409, { error: 'This set is already live.' });
		await confirmPublish(locals.app, locals.user, preview.set.id, Math.round(hours * 3600));
		redirect(303, `/analyst/sets/${params.id}`);
	}
};
