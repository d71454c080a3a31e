import { getRecognition, setRecognition } from '#lib/server/db/queries/users.ts';
import { myPatrols } from '#lib/server/services/officer.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const recognition = await getRecognition(app.db, locals.user!.id);
	return { ...(await myPatrols(app, locals.user!.id)), recognition };
};

export const actions = {
	recognition: async ({ request, locals }) => {
		const { app } = locals;
		const on = (await request.formData()).get('on') === '1';
		// opt-in only: nobody is named in the week's recognition without saying yes here
		await setRecognition(app.db, locals.user!.id, on);
		return { recognition: on };
	}
};
