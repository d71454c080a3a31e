// Users who sign in through the identity provider: found by issuer and subject, their role and
// profile refreshed from the claims at each sign-in.
import type { Db, Role } from '../schema.ts';
import { toUser, type User } from './users.ts';

const columns = ['id', 'username', 'display_name', 'callsign', 'team', 'role', 'disabled'] as const;

export async function findUserBySubject(db: Db, subject: string): Promise<User | undefined> {
	const row = await db.selectFrom('users').select(columns).where('oidc_subject', '=', subject).executeTakeFirst();
	return row ? toUser(row) : undefined;
}

export async function insertOidcUser(
	db: Db,
	u: { subject: string; username: string; displayName: string; role: Role; callsign: string | null; team: string | null },
	now: number
): Promise<User> {
	const row = await db
		.insertInto('users')
		.values({ username: u.username, display_name: u.displayName, role: u.role, password_hash: null, callsign: u.callsign, team: u.team, disabled: 0, created_at: now, oidc_subject: u.subject })
		.returning(columns)
		.executeTakeFirstOrThrow();
	return toUser(row);
}

/** The role follows the claims; callsign and team only where the provider sends them (else an admin's edits stand). */
export async function refreshOidcUser(db: Db, id: number, u: { role: Role; displayName: string; callsign: string | null; team: string | null }): Promise<void> {
	await db
		.updateTable('users')
		.set({ role: u.role, display_name: u.displayName, ...(u.callsign !== null ? { callsign: u.callsign } : {}), ...(u.team !== null ? { team: u.team } : {}) })
		.where('id', '=', id)
		.execute();
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
	return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

/** Whether this user signs in through the provider (their logout also ends the provider's session). */
export async function isOidcUser(db: Db, id: number): Promise<boolean> {
	const row = await db.selectFrom('users').select('oidc_subject').where('id', '=', id).executeTakeFirst();
	return !!row?.oidc_subject;
}
