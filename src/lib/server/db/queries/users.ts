import { sql, type Selectable } from 'kysely';
import type { Db, Role, UsersTable } from '../schema.ts';

export interface User {
	id: number;
	username: string;
	displayName: string;
	callsign: string;
	team: string | null;
	role: Role;
	disabled: boolean;
}

type UserRow = Pick<Selectable<UsersTable>, (typeof userColumns)[number]>;

export function toUser(r: UserRow): User {
	return {
		id: r.id,
		username: r.username,
		displayName: r.display_name,
		callsign: r.callsign ?? r.username,
		team: r.team,
		role: r.role,
		disabled: r.disabled === 1
	};
}

const userColumns = ['id', 'username', 'display_name', 'callsign', 'team', 'role', 'disabled'] as const;

export async function insertUser(
	db: Db,
	u: { username: string; displayName: string; role: Role; passwordHash: string | null; callsign?: string | null; team?: string | null; mustChangePassword?: boolean },
	now: number
): Promise<User> {
	const row = await db
		.insertInto('users')
		.values({
			username: u.username,
			display_name: u.displayName,
			role: u.role,
			password_hash: u.passwordHash,
			callsign: u.callsign ?? null,
			team: u.team ?? null,
			disabled: 0,
			must_change_password: u.mustChangePassword ? 1 : 0,
			created_at: now
		})
		.returning(userColumns)
		.executeTakeFirstOrThrow();
	return toUser(row);
}

export async function findUserByName(db: Db, username: string) {
	return db
		.selectFrom('users')
		.select([...userColumns, 'password_hash', 'failed_logins', 'locked_until', 'totp_secret', 'must_change_password'])
		.where('username', '=', username)
		.executeTakeFirst();
}

export async function getUser(db: Db, id: number): Promise<User | undefined> {
	const row = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
	return row && toUser(row);
}

export async function listUsers(db: Db, role?: Role): Promise<User[]> {
	let q = db.selectFrom('users').select(userColumns).orderBy('username');
	if (role) q = q.where('role', '=', role);
	return (await q.execute()).map(toUser);
}

export async function setUserDisabled(db: Db, id: number, disabled: boolean): Promise<void> {
	await db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
}

/** The lock in force now, if any. */
export async function currentLock(db: Db, id: number, now: number): Promise<number | null> {
	const r = await db.selectFrom('users').select('locked_until').where('id', '=', id).executeTakeFirst();
	return r && r.locked_until !== null && Number(r.locked_until) > now ? Number(r.locked_until) : null;
}

/**
 * One failed login, counted in one statement so parallel guesses cannot overwrite each other's
 * count. The failure that reaches `maxFailures` locks the account for `lockMs` and starts the
 * count again. Returns the lock in force after this failure, or null.
 */
export async function countFailedLogin(db: Db, id: number, maxFailures: number, now: number, lockMs: number): Promise<number | null> {
	const reached = sql<boolean>`failed_logins + 1 >= ${maxFailures}`;
	const row = await db
		.updateTable('users')
		.set({
			failed_logins: sql<number>`case when ${reached} then 0 else failed_logins + 1 end`,
			locked_until: sql<number | null>`case when ${reached} then ${now + lockMs} else locked_until end`
		})
		.where('id', '=', id)
		.returning('locked_until')
		.executeTakeFirst();
	return row && row.locked_until !== null && Number(row.locked_until) > now ? Number(row.locked_until) : null;
}

/** A good login clears the count — unless a lock was set meanwhile; false then. */
export async function clearFailedLogins(db: Db, id: number, now: number): Promise<boolean> {
	const row = await db
		.updateTable('users')
		.set({ failed_logins: 0, locked_until: null })
		.where('id', '=', id)
		.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

/** Spends a TOTP step: true only for a step later than any accepted before (one statement, so two logins cannot both spend it). */
export async function spendTotpStep(db: Db, id: number, step: number): Promise<boolean> {
	const row = await db
		.updateTable('users')
		.set({ totp_last_step: step })
		.where('id', '=', id)
		.where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

/** Clears the failure count and any lockout. */
export async function unlockUser(db: Db, id: number): Promise<void> {
	await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

/** Enrols (a new secret) or removes (null) a TOTP second factor; either way no step is spent yet. */
export async function setTotpSecret(db: Db, id: number, secret: string | null): Promise<void> {
	await db.updateTable('users').set({ totp_secret: secret, totp_last_step: null }).where('id', '=', id).execute();
}

/** A new password hash; `mustChange` when an administrator set it (the user replaces it at login). */
export async function setPasswordHash(db: Db, id: number, hash: string, mustChange: boolean): Promise<void> {
	await db.updateTable('users').set({ password_hash: hash, must_change_password: mustChange ? 1 : 0 }).where('id', '=', id).execute();
}

/** Callsign and team as stored (null when unset; `User.callsign` falls back to the username). */
export async function getProfile(db: Db, id: number): Promise<{ callsign: string | null; team: string | null } | undefined> {
	return db.selectFrom('users').select(['callsign', 'team']).where('id', '=', id).executeTakeFirst();
}

/** Role, callsign, team: only the fields given change. */
export async function updateUserProfile(db: Db, id: number, p: { role?: Role; callsign?: string | null; team?: string | null }): Promise<void> {
	const set: { role?: Role; callsign?: string | null; team?: string | null } = {};
	if (p.role !== undefined) set.role = p.role;
	if (p.callsign !== undefined) set.callsign = p.callsign;
	if (p.team !== undefined) set.team = p.team;
	if (Object.keys(set).length) await db.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function findUserIdByName(db: Db, username: string): Promise<{ id: number; username: string } | undefined> {
	return db.selectFrom('users').select(['id', 'username']).where('username', '=', username).executeTakeFirst();
}

/** The first of `usernames` already taken, if any. */
export async function firstTakenUsername(db: Db, usernames: string[]): Promise<string | undefined> {
	if (usernames.length === 0) return undefined;
	return (await db.selectFrom('users').select('username').where('username', 'in', usernames).executeTakeFirst())?.username;
}

/** Whether the officer opted in to being named in the week's recognition. */
export async function getRecognition(db: Db, id: number): Promise<boolean> {
	const r = await db.selectFrom('users').select('recognition').where('id', '=', id).executeTakeFirstOrThrow();
	return r.recognition === 1;
}

export async function setRecognition(db: Db, id: number, on: boolean): Promise<void> {
	await db.updateTable('users').set({ recognition: on ? 1 : 0 }).where('id', '=', id).execute();
}

export interface UserAccount {
	id: number;
	username: string;
	displayName: string;
	callsign: string | null;
	team: string | null;
	role: Role;
	disabled: boolean;
	lockedUntil: number | null;
	failedLogins: number;
	totp: boolean;
	mustChangePassword: boolean;
	/** signs in through the force's identity provider: no password here, role and profile from its claims */
	sso: boolean;
}

/** Every account as administrators see it: no password hash, no TOTP secret, only whether there is one. */
export async function listUserAccounts(db: Db): Promise<UserAccount[]> {
	const rows = await db
		.selectFrom('users')
		.select(['id', 'username', 'display_name', 'callsign', 'team', 'role', 'disabled', 'failed_logins', 'locked_until', 'totp_secret', 'must_change_password', 'oidc_subject', 'created_at'])
		.orderBy('role')
		.orderBy('username')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		username: r.username,
		displayName: r.display_name,
		callsign: r.callsign,
		team: r.team,
		role: r.role,
		disabled: r.disabled === 1,
		lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
		failedLogins: Number(r.failed_logins),
		totp: r.totp_secret !== null,
		mustChangePassword: r.must_change_password === 1,
		sso: r.oidc_subject !== null
	}));
}

/** Officers (or everyone) by id: callsign, team and recognition opt-in, for summaries and exports. */
export async function officerDirectory(db: Db, opts: { officersOnly: boolean }) {
	let q = db.selectFrom('users').select(['id', 'username', 'callsign', 'team', 'recognition']);
	if (opts.officersOnly) q = q.where('role', '=', 'officer');
	return new Map((await q.execute()).map((u) => [u.id, { id: u.id, username: u.username, callsign: u.callsign, team: u.team, recognition: u.recognition === 1 }]));
}

/** Another account whose username matches this one ignoring case ("OFFICER" beside "officer"). */
export async function usernameTakenIgnoringCase(db: Db, username: string): Promise<string | undefined> {
	const row = await db.selectFrom('users').select('username').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
	return row?.username;
}

/** Another account (not `exceptId`) holding this callsign, ignoring case: callsigns name officers on the air and on the map. */
export async function callsignHolder(db: Db, callsign: string, exceptId: number | null): Promise<number | undefined> {
	let q = db.selectFrom('users').select('id').where(sql<string>`lower(callsign)`, '=', callsign.toLowerCase());
	if (exceptId !== null) q = q.where('id', '!=', exceptId);
	return (await q.executeTakeFirst())?.id;
}

/** Which of these users are disabled (checked in chunks that stay below bound-parameter limits). */
export async function disabledUserIds(db: Db, ids: number[]): Promise<Set<number>> {
	const disabled = new Set<number>();
	for (let i = 0; i < ids.length; i += 1000) {
		const rows = await db.selectFrom('users').select('id').where('id', 'in', ids.slice(i, i + 1000)).where('disabled', '=', 1).execute();
		for (const r of rows) disabled.add(r.id);
	}
	return disabled;
}
