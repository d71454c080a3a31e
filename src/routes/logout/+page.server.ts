import { redirect } from '@sveltejs/kit';
import { logout } from '#lib/server/services/auth.ts';
import { SESSION_COOKIE } from '#lib/server/session-cookie.ts';

export const actions = {
	default: async ({ cookies, locals }) => {
		const { app } = locals;
		const sessionId = await logout(app.db, cookies.get(SESSION_COOKIE));
		cookies.delete(SESSION_COOKIE, { path: '/' });
		if (locals.user && sessionId) app.bus.publish('user:revoked', { userId: locals.user.id, sessionId });
		redirect(303, '/login');
	}
};
