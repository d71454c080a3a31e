import type { Db } from '../schema.ts';

export async function insertSession(db: Db, s: { id: string; userId: number; now: number; expiresAt: number }) {
	await db
		.insertInto('sessions')
		.values({ id: s.id, user_id: s.userId, created_at: s.now, last_seen_at: s.now, expires_at: s.expiresAt })
		.execute();
}

export async function findSession(db: Db, id: string) {
	return db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id as session_id',
			'sessions.created_at',
			'sessions.last_seen_at',
			'sessions.expires_at',
			'users.id',
			'users.username',
			'users.display_name',
			'users.callsign',
			'users.team',
			'users.role',
			'users.disabled'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
}

export async function touchSession(db: Db, id: string, now: number) {
	await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string) {
	await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: number) {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
