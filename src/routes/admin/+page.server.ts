import { fail } from '@sveltejs/kit';
import { AdminError, changeUser, listUsersForAdmin, type UserAction } from '#lib/server/services/admin.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	return { user: locals.user!, users: await listUsersForAdmin(app.db), now: app.now() };
};

const ACTIONS: UserAction[] = ['disable', 'enable', 'unlock', 'revoke-tokens', 'enrol-totp', 'remove-totp'];

export const actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		const action = String(form.get('action') ?? '') as UserAction;
		const id = Number(form.get('user'));
		if (!ACTIONS.includes(action)) return fail(400, { error: `action: one of ${ACTIONS.join(', ')}` });
		try {
			const out = await changeUser(locals.app, locals.user!, id, action);
			return { done: `${action} for user ${id}`, otpauth: out.otpauth ?? null };
		} catch (e) {
			if (e instanceof AdminError) return fail(400, { error: e.message });
			throw e;
		}
	}
};
