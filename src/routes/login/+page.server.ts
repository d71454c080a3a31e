import { fail, redirect } from '@sveltejs/kit';
import { HOME } from '#lib/server/access.ts';
import { PayloadTooLargeError } from '#lib/server/http/body.ts';
import { audit } from '#lib/server/services/audit.ts';
import { login } from '#lib/server/services/auth.ts';
import { RateLimiter } from '#lib/server/security/rate-limit.ts';
import { SESSION_COOKIE } from '#lib/server/session-cookie.ts';
import { oidcFor } from '#lib/server/services/oidc.ts';
import { safeNext } from './safe-next.ts';

const DEMO_ACCOUNTS = ['officer', 'supervisor', 'commander', 'analyst', 'admin'];

export const load = ({ locals }) => {
	if (locals.user) redirect(303, HOME[locals.user.role]);
	const { app } = locals;
	const sso = oidcFor(app.config);
	return { demoAccounts: app.config.demo && app.config.localLogin ? DEMO_ACCOUNTS : null, sso: sso ? { label: sso.label } : null, localLogin: app.config.localLogin };
};

// per node; guessing across nodes is slowed further by the per-account lockout in the database
let limiter: RateLimiter | null = null;

export const actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const { app } = locals;
		if (!app.config.localLogin) return fail(403, { username: '', error: 'Passwords are turned off on this server: use the single sign-on button.', totp: false });
		limiter ??= new RateLimiter(app.config.loginRatePerMinute, 60_000);
		const now = app.now();
		const address = getClientAddress();
		// real time, whatever clock the app runs on
		if (!limiter.take(address, Date.now())) {
			return fail(429, { username: '', error: `Too many attempts from this address: try again in ${Math.ceil(limiter.retryAfter(address, Date.now()) / 1000)} s.`, totp: false });
		}
		// a body that is not a form is refused, not a 500 (one over the limit stays a 413)
		const form = await request.formData().catch((e: unknown) => {
			if (e instanceof PayloadTooLargeError) throw e;
			return null;
		});
		if (!form) return fail(400, { username: '', error: 'Send the login form.', totp: false });
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const code = String(form.get('totp') ?? '').trim() || undefined;
		if (!username || !password) return fail(400, { username, error: 'Enter your username and password.', totp: false });
		const result = await login(
			app.db,
			username,
			password,
			now,
			{
				idleMinutes: app.config.sessionIdleMinutes,
				maxHours: app.config.sessionMaxHours,
				maxFailures: app.config.loginMaxFailures,
				lockMinutes: app.config.loginLockMinutes,
				requireTotp: app.config.requireTotp
			},
			code
		);
		if (!result.ok) {
			if (result.reason === 'locked' && result.user) {
				await audit(app.db, { actor: { id: result.user.id, name: result.user.username }, operation: 'alteration', subject: `user:${result.user.id}`, detail: { event: 'locked out', until: result.lockedUntil, address } }, now);
			}
			const messages = {
				invalid: 'Wrong username or password.',
				locked: `Too many failed attempts: this account is locked for ${app.config.loginLockMinutes} minutes.`,
				'totp-required': 'Enter the 6-digit code from your authenticator app.',
				'totp-invalid': 'That code is not right. Enter the current 6-digit code.',
				'totp-enrol': 'Your role needs a second factor. Ask an administrator to enrol you (npm run cli -- users totp).'
			};
			return fail(result.reason === 'locked' ? 423 : 400, {
				username,
				error: messages[result.reason],
				totp: result.reason === 'totp-required' || result.reason === 'totp-invalid'
			});
		}
		cookies.set(SESSION_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: app.config.secureCookies,
			maxAge: app.config.sessionMaxHours * 3600
		});
		redirect(303, safeNext(url.searchParams.get('next')) ?? HOME[result.user.role]);
	}
};
