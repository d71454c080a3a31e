// Back from the identity provider: the code is exchanged (PKCE, state and nonce checked by
// openid-client), the claims map to a role, and a session starts — or the page says plainly why not.
import { redirect } from '@sveltejs/kit';
import { decide, HOME } from '#lib/server/access.ts';
import { SESSION_COOKIE } from '#lib/server/session-cookie.ts';
import { FLOW_COOKIE, FLOW_COOKIE_PATH, oidcFor, readFlow } from '#lib/server/services/oidc.ts';

export const load = async ({ url, cookies, locals, getClientAddress }) => {
	const { app } = locals;
	const sso = oidcFor(app.config);
	if (!sso) return { error: 'Single sign-on is not set up on this server.' };
	const flow = readFlow(cookies.get(FLOW_COOKIE));
	cookies.delete(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
	const providerError = url.searchParams.get('error');
	if (providerError) {
		const why = (url.searchParams.get('error_description') ?? providerError).slice(0, 200);
		return { error: `Your force's sign-in service did not sign you in: ${why}` };
	}
	if (!flow) return { error: 'This sign-in has expired or was started in another browser. Start again.' };
	const origin = app.config.origin ?? url.origin;
	let answer;
	try {
		answer = await sso.finish(new URL(url.pathname + url.search, origin), flow);
	} catch (e) {
		app.log.error({ req: locals.requestId, error: (e as Error).message?.slice(0, 200) }, 'sso: sign-in not completed');
		return { error: 'The sign-in could not be completed (the answer from the sign-in service did not check out). Start again.' };
	}
	const now = app.now();
	const result = await sso.signIn(app.db, answer.subject, answer.claims, now, { idleMinutes: app.config.sessionIdleMinutes, maxHours: app.config.sessionMaxHours }, getClientAddress());
	if (!result.ok) return { error: result.message };
	cookies.set(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, maxAge: app.config.sessionMaxHours * 3600 });
	// a page the role may not open (the directory moved the user) is not where to land
	const next = flow.next && decide(new URL(flow.next, origin).pathname, result.user.role) === 'allow' ? flow.next : null;
	redirect(303, next ?? HOME[result.user.role]);
};
