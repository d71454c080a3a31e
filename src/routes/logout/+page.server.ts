import { redirect } from '@sveltejs/kit';
import { logout } from '#lib/server/services/auth.ts';
import { SESSION_COOKIE } from '#lib/server/session-cookie.ts';
import { oidcFor } from '#lib/server/services/oidc.ts';

export const actions = {
	default: async ({ cookies, locals, url }) => {
		const { app } = locals;
		const sessionId = await logout(app.db, cookies.get(SESSION_COOKIE));
		cookies.delete(SESSION_COOKIE, { path: '/' });
		if (locals.user && sessionId) app.bus.publish('user:revoked', { userId: locals.user.id, sessionId });
		// signed in through the force's provider: end that session too (RP-initiated logout)
		const sso = oidcFor(app.config);
		const out = sso && locals.user ? await sso.logoutFor(app.db, locals.user.id, `${app.config.origin ?? url.origin}/login`) : null;
		if (out && sso) redirect(303, out.href, { external: await sso.origins() });
		redirect(303, '/login');
	}
};
