// Logging in, audited: every login and every failed one is a row, so an administrator can see
// guessing. A failed row names the account by id when it exists and the address it came from —
// never the password, and never the name typed for an account that does not exist (it may be a
// password typed in the wrong box, or a person's name).
import { audit, auditBy } from './audit.ts';
import { login, type LoginPolicy, type LoginResult } from './auth.ts';
import type { DbDeps } from './deps.ts';

export interface LoginAttempt {
	username: string;
	password: string;
	totp?: string;
	newPassword?: string;
	address: string;
}

/** a failed login is in nobody's name: whoever typed it is not known */
const ANONYMOUS = { id: null, name: 'anonymous' };
const FAILED: Partial<Record<Extract<LoginResult, { ok: false }>['reason'], string>> = {
	invalid: 'wrong password',
	'totp-invalid': 'wrong code',
	'totp-enrol': 'second factor not enrolled'
};

export async function signIn(ctx: DbDeps, a: LoginAttempt, policy: LoginPolicy): Promise<LoginResult> {
	const now = ctx.now();
	const at = { db: ctx.db, now: () => now };
	const result = await login(ctx.db, a.username, a.password, now, policy, a.totp, a.newPassword);
	if (result.ok) {
		const changed = a.newPassword !== undefined && a.newPassword !== '';
		await auditBy(at, result.user, 'alteration', `user:${result.user.id}`, { event: 'login', ...(changed ? { passwordChanged: true } : {}), address: a.address });
	} else if (result.reason === 'locked' && result.user) {
		await auditBy(at, result.user, 'alteration', `user:${result.user.id}`, { event: 'locked out', until: result.lockedUntil, address: a.address });
	} else if (FAILED[result.reason]) {
		const subject = result.user ? `user:${result.user.id}` : 'login';
		const reason = result.user ? FAILED[result.reason] : 'unknown or disabled account';
		await audit(ctx.db, { actor: ANONYMOUS, operation: 'alteration', subject, detail: { event: 'login failed', reason, address: a.address } }, now);
	}
	return result;
}
