import { fail, redirect } from '@sveltejs/kit';
import { HOME } from '#lib/server/access.ts';
import { PayloadTooLargeError } from '#lib/server/http/body.ts';
import { signIn } from '#lib/server/services/login.ts';
import { RateLimiter } from '#lib/server/security/rate-limit.ts';
import { SESSION_COOKIE } from '#lib/server/session-cookie.ts';
import { MIN_PASSWORD_LENGTH } from '#lib/domain/users/password-rules.ts';
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
		if (!app.config.localLogin) return fail(403, { username: '', error: 'Passwords are turned off on this server: use the single sign-on button.', totp: false, newPassword: false });
		limiter ??= new RateLimiter(app.config.loginRatePerMinute, 60_000);
		const address = getClientAddress();
		// real time, whatever clock the app runs on
		if (!limiter.take(address, Date.now())) {
			return fail(429, { username: '', error: `Too many attempts from this address: try again in ${Math.ceil(limiter.retryAfter(address, Date.now()) / 1000)} s.`, totp: false, newPassword: false });
		}
		// a body that is not a form is refused, not a 500 (one over the limit stays a 413)
		const form = await request.formData().catch((e: unknown) => {
			if (e instanceof PayloadTooLargeError) throw e;
			return null;
		});
		if (!form) return fail(400, { username: '', error: 'Send the login form.', totp: false, newPassword: false });
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const code = String(form.get('totp') ?? '').trim() || undefined;
		const newPassword = String(form.get('newPassword') ?? '') || undefined;
		const again = String(form.get('newPasswordAgain') ?? '');
		const changing = form.has('newPassword');
		if (!username || !password) return fail(400, { username, error: 'Enter your username and password.', totp: false, newPassword: changing });
		if (changing && newPassword !== again) return fail(400, { username, error: 'The new password and its repeat differ: type it twice the same.', totp: !!code, newPassword: true });
		const result = await signIn(
			app,
			{ username, password, totp: code, newPassword, address },
			{
				idleMinutes: app.config.sessionIdleMinutes,
				maxHours: app.config.sessionMaxHours,
				maxFailures: app.config.loginMaxFailures,
				lockMinutes: app.config.loginLockMinutes,
				requireTotp: app.config.requireTotp
			}
		);
		if (!result.ok) {
			const messages = {
				invalid: 'Wrong username or password.',
				locked: `Too many failed attempts: this account is locked for ${app.config.loginLockMinutes} minutes.`,
				'totp-required': 'Enter the 6-digit code from your authenticator app.',
				'totp-invalid': 'That code is not right. Enter the current 6-digit code.',
				'totp-enrol': 'Your role needs a second factor. Ask an administrator to enrol you.',
				'password-change': `Your password was set by an administrator: choose your own (at least ${MIN_PASSWORD_LENGTH} characters) and type it twice.`,
				'password-weak': `That new password will not do: ${result.problem?.replace(/^new password: /, '') ?? 'choose another'}.`
			};
			const changingNow = result.reason === 'password-change' || result.reason === 'password-weak' || (changing && (result.reason === 'totp-required' || result.reason === 'totp-invalid'));
			return fail(result.reason === 'locked' ? 423 : 400, {
				username,
				error: messages[result.reason],
				totp: result.reason === 'totp-required' || result.reason === 'totp-invalid' || (changingNow && !!code),
				newPassword: changingNow,
				// the next step asked for, not something done wrong
				prompt: result.reason === 'password-change' || result.reason === 'totp-required'
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
