// Leaving for the identity provider: a fresh state, nonce and PKCE verifier go with the browser
// in a short-lived httpOnly cookie, and come back to /login/sso/callback.
import { error, redirect } from '@sveltejs/kit';
import { FLOW_COOKIE_PATH, flowCookie, oidcFor } from '#lib/server/services/oidc.ts';
import { safeNext } from '../safe-next.ts';

export const GET = async ({ url, cookies, locals }) => {
	const { app } = locals;
	const sso = oidcFor(app.config);
	if (!sso) error(404, 'Single sign-on is not set up on this server.');
	const origin = app.config.origin ?? url.origin;
	let target: URL;
	try {
		const { url: to, flow } = await sso.start(`${origin}/login/sso/callback`, safeNext(url.searchParams.get('next')));
		const c = flowCookie(flow);
		cookies.set(c.name, c.value, { path: FLOW_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, maxAge: 600 });
		target = to;
	} catch (e) {
		app.log.error({ req: locals.requestId, error: (e as Error).message?.slice(0, 200) }, 'sso: the identity provider could not be reached');
		error(503, 'The sign-in service of your force cannot be reached just now. Try again in a minute.');
	}
	redirect(303, target.href, { external: await sso.origins() });
};
