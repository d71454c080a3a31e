import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { findSession, insertSession, touchSession, deleteSession } from '../db/queries/sessions.ts';
import { findToken, insertToken } from '../db/queries/tokens.ts';
import { clearFailedLogins, countFailedLogin, currentLock, findUserByName, insertUser, setPasswordHash, spendTotpStep, toUser, type User } from '../db/queries/users.ts';
import { passwordProblem, usernameProblem } from '../../domain/users/password-rules.ts';
import type { Db, Role } from '../db/schema.ts';
import { totpStep } from '../security/totp.ts';
import { ROLES } from '../db/schema.ts';

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)))
	);
}

// OWASP's scrypt floor (N=2^17, r=8, p=1) costs ~128 MB and ~0.3 s; 2^15 keeps login under 100 ms
// on a 2-core box while staying far beyond brute force of a rate-limited login.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scrypt(password, salt, 32, SCRYPT);
	return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt') return false;
	const expected = Buffer.from(hash, 'base64url');
	const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
		N: Number(n),
		r: Number(r),
		p: Number(p),
		maxmem: 256 * 1024 * 1024
	});
	return timingSafeEqual(key, expected);
}

/** Secrets are stored only as their SHA-256: a database leak does not leak sessions or tokens. */
export function secretId(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

export function isRole(r: string): r is Role {
	return (ROLES as readonly string[]).includes(r);
}

export async function createUser(
	db: Db,
	u: {
		username: string;
		role: Role;
		password?: string | null;
		/** instead of `password`, already hashed (hashing outside a transaction keeps it short) */
		passwordHash?: string | null;
		displayName?: string;
		callsign?: string | null;
		team?: string | null;
		mustChangePassword?: boolean;
	},
	now: number
): Promise<User> {
	const problem = usernameProblem(u.username);
	if (problem) throw new Error(problem);
	const user = await insertUser(
		db,
		{
			username: u.username,
			displayName: u.displayName ?? u.username,
			role: u.role,
			passwordHash: u.password ? await hashPassword(u.password) : (u.passwordHash ?? null),
			callsign: u.callsign ?? null,
			team: u.team ?? null,
			mustChangePassword: !!(u.password || u.passwordHash) && u.mustChangePassword === true
		},
		now
	);
	return user;
}

/** A new API/device token: printed once, stored hashed. */
export async function createToken(db: Db, userId: number, kind: 'api' | 'device', label: string, now: number): Promise<string> {
	const token = `hp_${randomBytes(24).toString('base64url')}`;
	await insertToken(db, { id: secretId(token), userId, kind, label, now });
	return token;
}

export async function userForToken(db: Db, token: unknown): Promise<(User & { tokenId: string; tokenKind: string }) | null> {
	if (typeof token !== 'string' || token.length < 8 || token.length > 200) return null;
	const row = await findToken(db, secretId(token));
	if (!row || row.revoked_at !== null || row.disabled === 1) return null;
	return { ...toUser(row), tokenId: row.token_id, tokenKind: row.kind };
}

export interface SessionPolicy {
	idleMinutes: number;
	maxHours: number;
}

export interface LoginPolicy extends SessionPolicy {
	/** consecutive failures that lock the account */
	maxFailures: number;
	lockMinutes: number;
	/** roles that may not log in without a second factor */
	requireTotp: readonly Role[];
}

export type LoginResult =
	| { ok: true; token: string; user: User }
	| {
			ok: false;
			reason: 'invalid' | 'locked' | 'totp-required' | 'totp-invalid' | 'totp-enrol' | 'password-change' | 'password-weak';
			user?: User;
			lockedUntil?: number;
			/** for 'password-weak': what is wrong with the new password */
			problem?: string;
	  };

/**
 * Password, then (when enrolled) a TOTP code. Failures count towards a lockout; a locked account
 * is refused even with the right password until the lock lapses. The password is checked before
 * the lock is revealed, so the message does not tell a guesser that an unknown name exists.
 * Every decision that another login could race is taken by one statement in the database: the
 * failure count is incremented there (20 parallel guesses used to read 0 and each write 1), the
 * success path clears it only if no lock was set meanwhile, and a TOTP step is spent once.
 * A password an administrator set must be replaced: the login succeeds only with `newPassword`,
 * which is checked before any TOTP step is spent, so a weak one does not burn the code.
 */
export async function login(db: Db, username: string, password: string, now: number, policy: LoginPolicy, totp?: string, newPassword?: string): Promise<LoginResult> {
	const row = await findUserByName(db, username);
	// verify against a dummy hash when the user is unknown, so timing does not reveal usernames
	const stored = row?.password_hash ?? DUMMY_HASH;
	const ok = await verifyPassword(password, stored);
	if (!row || row.disabled === 1 || !row.password_hash) return { ok: false, reason: 'invalid' };
	const user = toUser(row);
	const lockedUntil = await currentLock(db, row.id, now);
	if (lockedUntil !== null) return { ok: false, reason: 'locked', user, lockedUntil };
	const fail = async (reason: 'invalid' | 'totp-invalid'): Promise<LoginResult> => {
		const lock = await countFailedLogin(db, row.id, policy.maxFailures, now, policy.lockMinutes * 60_000);
		return lock !== null ? { ok: false, reason: 'locked', user, lockedUntil: lock } : { ok: false, reason, user };
	};
	if (!ok) return fail('invalid');
	const mustChange = row.must_change_password === 1;
	if (mustChange) {
		if (!newPassword) return { ok: false, reason: 'password-change', user };
		const problem = passwordProblem(newPassword, row.username, password);
		if (problem) return { ok: false, reason: 'password-weak', user, problem };
	}
	if (row.totp_secret) {
		if (!totp) return { ok: false, reason: 'totp-required', user };
		const step = totpStep(row.totp_secret, totp.replace(/\s/g, ''), now);
		// a code already used (or one older than the last used) is refused: it may have been seen
		if (step === null || !(await spendTotpStep(db, row.id, step))) return fail('totp-invalid');
	} else if (policy.requireTotp.includes(row.role)) return { ok: false, reason: 'totp-enrol', user };
	if (!(await clearFailedLogins(db, row.id, now))) {
		return { ok: false, reason: 'locked', user, lockedUntil: (await currentLock(db, row.id, now)) ?? undefined };
	}
	if (mustChange) await setPasswordHash(db, row.id, await hashPassword(newPassword!), false);
	const token = randomBytes(32).toString('base64url');
	await insertSession(db, { id: secretId(token), userId: row.id, now, expiresAt: now + policy.maxHours * 3600_000 });
	return { ok: true, token, user };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function userForSession(
	db: Db,
	token: string | undefined,
	now: number,
	policy: SessionPolicy
): Promise<(User & { sessionId: string }) | null> {
	if (!token || token.length > 200) return null;
	const id = secretId(token);
	const row = await findSession(db, id);
	if (!row) return null;
	if (row.disabled === 1 || now >= row.expires_at || now - row.last_seen_at > policy.idleMinutes * 60_000) {
		await deleteSession(db, id);
		return null;
	}
	// a write per request is wasteful; a minute's resolution is plenty for an idle timeout
	if (now - row.last_seen_at > 60_000) await touchSession(db, id, now);
	return { ...toUser(row), sessionId: id };
}

export async function logout(db: Db, token: string | undefined): Promise<string | null> {
	if (!token) return null;
	const id = secretId(token);
	await deleteSession(db, id);
	return id;
}
