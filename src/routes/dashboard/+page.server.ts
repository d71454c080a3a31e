import { fail } from '@sveltejs/kit';
import { addPersonToBriefing, BriefingError, dashboardView } from '#lib/server/services/dashboard-view.ts';

export const load = async ({ locals, url }) => {
	const user = locals.user!;
	return { user: { displayName: user.displayName, role: user.role }, view: await dashboardView(locals.app, user, url.searchParams) };
};

export const actions = {
	brief: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const line = await addPersonToBriefing(locals.app, locals.user!, Number(form.get('person')), Number(form.get('hotspot')), String(form.get('note') ?? ''));
			return { briefed: line };
		} catch (e) {
			if (e instanceof BriefingError) return fail(e.message.startsWith('only') ? 403 : 400, { error: e.message });
			throw e;
		}
	}
};
