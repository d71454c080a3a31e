import type { Db, Role } from '../schema.ts';

export interface User {
	id: number;
	username: string;
	displayName: string;
	callsign: string;
	team: string | null;
	role: Role;
	disabled: boolean;
}

type UserRow = {
	id: number;
	username: string;
	display_name: string;
	callsign: string | null;
	team: string | null;
	role: Role;
	disabled: number;
};

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
	u: { username: string; displayName: string; role: Role; passwordHash: string | null; callsign?: string | null; team?: string | null },
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
			created_at: now
		})
		.returning(userColumns)
		.executeTakeFirstOrThrow();
	return toUser(row);
}

export async function findUserByName(db: Db, username: string) {
	return db
		.selectFrom('users')
		.select([...userColumns, 'password_hash', 'failed_logins', 'locked_until', 'totp_secret'])
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
