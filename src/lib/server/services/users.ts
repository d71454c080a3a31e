// Accounts as administrators (in /admin) and the command line make and change them. One place
// decides what a valid account is, so the browser and `cli users add` cannot drift apart; every
// change is an audited alteration naming the user by id (docs/roles.md: the log names no one).
import { randomInt } from 'node:crypto';
import { usernameProblem } from '../../domain/users/password-rules.ts';
import { isOidcUser } from '../db/queries/oidc-users.ts';
import { deleteUserSessions } from '../db/queries/sessions.ts';
import { findUserIdByName, getProfile, getUser, setPasswordHash, unlockUser, updateUserProfile, type User } from '../db/queries/users.ts';
import { ROLES, type Db, type Role } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { audit, type AuditEntry } from './audit.ts';
import { createToken, createUser, hashPassword, isRole } from './auth.ts';
import type { BusDeps, DbDeps } from './deps.ts';

/** Who made the change: an administrator, or the command line (`{ id: null }`). */
export interface Actor {
	id: number | null;
	username: string;
}

/** Bad input, named by field: shown to the administrator, nothing changed. */
export class UserError extends Error {}

export interface NewUser {
	username: string;
	role: string;
	callsign?: string | null;
	team?: string | null;
	/** empty: one is generated when `temporary` */
	password?: string | null;
	token?: 'device' | 'api' | null;
}

// no 0/O, 1/l/I: read off a screen and typed on a phone
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A temporary password: three groups of four, ~70 bits. */
export function generatePassword(): string {
	const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
	return `${group()}-${group()}-${group()}`;
}

function callsignOf(v: string | null | undefined): string | null {
	const c = (v ?? '').trim();
	if (!c) return null;
	// it is OwnTracks' HTTP username, so no colon; short enough for a map label
	if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,19}$/.test(c)) throw new UserError(`callsign "${c}": up to 20 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit`);
	return c;
}

function teamOf(v: string | null | undefined): string | null {
	const t = (v ?? '').trim();
	if (t.length > 60) throw new UserError(`team: at most 60 characters (this has ${t.length})`);
	return t || null;
}

function roleOf(v: string): Role {
	if (!isRole(v)) throw new UserError(`role: one of ${ROLES.join(', ')}; got "${v}"`);
	return v;
}

/**
 * A new account. With `temporary` (an administrator made it) the password — the one given, or
 * a generated one — must be replaced at the first login; the command line's is the user's own.
 * Returns what is shown once: the password when generated, the token when asked for.
 */
export async function addUser(ctx: DbDeps, actor: Actor, u: NewUser, opts: { temporary: boolean }) {
	const username = u.username.trim();
	const problem = usernameProblem(username);
	if (problem) throw new UserError(problem);
	const role = roleOf(u.role);
	const callsign = callsignOf(u.callsign);
	const team = teamOf(u.team);
	// the device endpoints take only an officer's device token: it can report positions and nothing else
	if (u.token === 'device' && role !== 'officer') throw new UserError(`device token: for officers (their phone's tracker app); this user is ${role}`);
	const given = u.password || null;
	if (given && opts.temporary && given.length < 8) throw new UserError(`password: at least 8 characters (this has ${given.length}); leave it empty to generate one`);
	const password = given ?? (opts.temporary ? generatePassword() : null);
	if (!password && !u.token) throw new UserError('the user needs some way in: a password or a token');
	if (await findUserIdByName(ctx.db, username)) throw new UserError(`username "${username}" is taken`);
	const passwordHash = password ? await hashPassword(password) : null;
	const now = ctx.now();
	return inTransaction(ctx.db, async (tx) => {
		const user = await createUser(tx, { username, role, passwordHash, callsign, team, mustChangePassword: opts.temporary }, now);
		const token = u.token ? await createToken(tx, user.id, u.token, actor.id === null ? 'cli' : 'admin', now) : null;
		await altered(tx, actor, user.id, { action: 'create', role, token: u.token ?? null, temporaryPassword: opts.temporary && !!password }, now);
		return { user, password: opts.temporary && !given ? password : null, token };
	});
}

/** One alteration of user `id`, by an administrator or the command line ('cli'), at `now`. */
function altered(db: Db, actor: Actor, id: number, detail: AuditEntry['detail'], now: number) {
	return audit(db, { actor: { id: actor.id, name: actor.username }, operation: 'alteration', subject: `user:${id}`, detail }, now);
}

async function existing(ctx: DbDeps, id: number): Promise<User> {
	const user = Number.isInteger(id) ? await getUser(ctx.db, id) : undefined;
	if (!user) throw new UserError(`no user ${id}`);
	return user;
}

/**
 * Role, callsign and team. A changed role takes effect at the user's next request; their live
 * sockets are closed so they reconnect into the rooms of the new role.
 */
export async function updateUser(ctx: BusDeps, actor: Actor, id: number, p: { role?: string; callsign?: string | null; team?: string | null }) {
	const user = await existing(ctx, id);
	const role = p.role === undefined || p.role === '' ? undefined : roleOf(p.role);
	if (role && role !== user.role && user.id === actor.id) throw new UserError('you cannot change your own role; ask another administrator');
	if (role && role !== user.role && (await isOidcUser(ctx.db, id))) throw new UserError(`${user.username} signs in through single sign-on: their role follows the provider's groups at every sign-in; change it there`);
	const next = { role, callsign: p.callsign === undefined ? undefined : callsignOf(p.callsign), team: p.team === undefined ? undefined : teamOf(p.team) };
	const before = (await getProfile(ctx.db, id))!;
	const changed = [
		role !== undefined && role !== user.role ? 'role' : null,
		next.callsign !== undefined && next.callsign !== before.callsign ? 'callsign' : null,
		next.team !== undefined && next.team !== before.team ? 'team' : null
	].filter((x): x is string => x !== null);
	if (changed.length === 0) return { changed };
	await inTransaction(ctx.db, async (tx) => {
		await updateUserProfile(tx, id, next);
		// names the fields, not their values: a callsign identifies an officer
		await altered(tx, actor, id, { action: 'update', changed, ...(changed.includes('role') ? { role } : {}) }, ctx.now());
	});
	if (changed.includes('role')) ctx.bus.publish('user:revoked', { userId: id });
	return { changed };
}

/**
 * A new temporary password, shown once: the user must choose their own at the next login. Their
 * sessions end and any lockout is lifted (a locked-out user is the usual reason for a reset).
 */
export async function resetPassword(ctx: BusDeps, actor: Actor, id: number): Promise<{ username: string; password: string }> {
	const user = await existing(ctx, id);
	// a password here would be a second way in, round the provider's own checks
	if (await isOidcUser(ctx.db, id)) throw new UserError(`${user.username} signs in through single sign-on: their password is the provider's, not ours`);
	const password = generatePassword();
	const hash = await hashPassword(password);
	await inTransaction(ctx.db, async (tx) => {
		await setPasswordHash(tx, id, hash, true);
		await unlockUser(tx, id);
		await deleteUserSessions(tx, id);
		await altered(tx, actor, id, { action: 'reset-password' }, ctx.now());
	});
	ctx.bus.publish('user:revoked', { userId: user.id });
	return { username: user.username, password };
}
