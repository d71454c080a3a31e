import type { Db } from '../schema.ts';

export async function insertToken(
	db: Db,
	t: { id: string; userId: number; kind: 'api' | 'device'; label: string; now: number }
) {
	await db
		.insertInto('device_tokens')
		.values({ id: t.id, user_id: t.userId, kind: t.kind, label: t.label, created_at: t.now, last_used_at: null, revoked_at: null })
		.execute();
}

export async function findToken(db: Db, id: string) {
	return db
		.selectFrom('device_tokens')
		.innerJoin('users', 'users.id', 'device_tokens.user_id')
		.select([
			'device_tokens.id as token_id',
			'device_tokens.kind',
			'device_tokens.revoked_at',
			'users.id',
			'users.username',
			'users.display_name',
			'users.callsign',
			'users.team',
			'users.role',
			'users.disabled'
		])
		.where('device_tokens.id', '=', id)
		.executeTakeFirst();
}

export async function revokeUserTokens(db: Db, userId: number, now: number) {
	await db
		.updateTable('device_tokens')
		.set({ revoked_at: now })
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.execute();
}

/** Which of these tokens exist and are not revoked. */
export async function liveTokenIds(db: Db, ids: string[]): Promise<Set<string>> {
	const live = new Set<string>();
	for (let i = 0; i < ids.length; i += 1000) {
		const rows = await db.selectFrom('device_tokens').select('id').where('id', 'in', ids.slice(i, i + 1000)).where('revoked_at', 'is', null).execute();
		for (const r of rows) live.add(r.id);
	}
	return live;
}
