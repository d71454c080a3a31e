import { myPatrols } from '#lib/server/services/officer.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const me = await app.db.selectFrom('users').select('recognition').where('id', '=', locals.user!.id).executeTakeFirstOrThrow();
	return { ...(await myPatrols(app, locals.user!.id)), recognition: me.recognition === 1 };
};

export const actions = {
	recognition: async ({ request, locals }) => {
		const { app } = locals;
		const on = (await request.formData()).get('on') === '1';
		// opt-in only: nobody is named in the week's recognition without saying yes here
		await app.db.updateTable('users').set({ recognition: on ? 1 : 0 }).where('id', '=', locals.user!.id).execute();
		return { recognition: on };
	}
};
