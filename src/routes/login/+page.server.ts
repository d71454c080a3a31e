import { fail, redirect } from '@sveltejs/kit';
import { HOME } from '#lib/server/access.ts';
import { getContext } from '#lib/server/context.ts';
import { login } from '#lib/server/services/auth.ts';
import { SESSION_COOKIE } from '#lib/server/session-cookie.ts';

const DEMO_ACCOUNTS = ['officer', 'supervisor', 'commander', 'analyst', 'admin'];

export const load = ({ locals }) => {
	if (locals.user) redirect(303, HOME[locals.user.role]);
	const ctx = getContext();
	return { demoAccounts: ctx.config.demo ? DEMO_ACCOUNTS : null };
};

function safeNext(next: string | null): string | null {
	// only same-site paths: never an open redirect
	return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export const actions = {
	default: async ({ request, cookies, url }) => {
		const ctx = getContext();
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, error: 'Enter your username and password.' });
		const result = await login(ctx.db, username, password, ctx.now(), {
			idleMinutes: ctx.config.sessionIdleMinutes,
			maxHours: ctx.config.sessionMaxHours
		});
		if (!result) return fail(400, { username, error: 'Wrong username or password.' });
		cookies.set(SESSION_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: ctx.config.secureCookies,
			maxAge: ctx.config.sessionMaxHours * 3600
		});
		redirect(303, safeNext(url.searchParams.get('next')) ?? HOME[result.user.role]);
	}
};
