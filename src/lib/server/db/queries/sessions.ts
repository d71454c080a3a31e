import type { Selectable } from 'kysely';
import type { Db, SessionsTable } from '../schema.ts';

export type SessionTimes = Pick<Selectable<SessionsTable>, 'id' | 'expires_at' | 'last_seen_at'>;

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

/** The expiry and last activity of those of these sessions that still exist. */
export async function sessionTimes(db: Db, ids: string[]): Promise<SessionTimes[]> {
	const out: SessionTimes[] = [];
	for (let i = 0; i < ids.length; i += 1000) {
		const rows = await db.selectFrom('sessions').select(['id', 'expires_at', 'last_seen_at']).where('id', 'in', ids.slice(i, i + 1000)).execute();
		// PostgreSQL's bigint arrives as text
		for (const r of rows) out.push({ id: r.id, expires_at: Number(r.expires_at), last_seen_at: Number(r.last_seen_at) });
	}
	return out;
}

export async function touchSessions(db: Db, ids: string[], now: number): Promise<void> {
	for (let i = 0; i < ids.length; i += 1000) await db.updateTable('sessions').set({ last_seen_at: now }).where('id', 'in', ids.slice(i, i + 1000)).execute();
}
