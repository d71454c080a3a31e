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

/** Ends an officer's device tokens (their tracker apps), leaving any API token. */
export async function revokeDeviceTokens(db: Db, userId: number, now: number) {
	await db
		.updateTable('device_tokens')
		.set({ revoked_at: now })
		.where('user_id', '=', userId)
		.where('kind', '=', 'device')
		.where('revoked_at', 'is', null)
		.execute();
}

/** Live (unrevoked) tokens per user and kind, for the users page. */
export async function countLiveTokens(db: Db): Promise<Map<number, { device: number; api: number }>> {
	const rows = await db
		.selectFrom('device_tokens')
		.select(['user_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
		.where('revoked_at', 'is', null)
		.groupBy(['user_id', 'kind'])
		.execute();
	const out = new Map<number, { device: number; api: number }>();
	for (const r of rows) {
		const c = out.get(r.user_id) ?? { device: 0, api: 0 };
		c[r.kind] = Number(r.n);
		out.set(r.user_id, c);
	}
	return out;
}

/** When the officer's live device token was issued, if they have one. */
export async function liveDeviceTokenSince(db: Db, userId: number): Promise<number | null> {
	const row = await db
		.selectFrom('device_tokens')
		.select((eb) => eb.fn.max('created_at').as('since'))
		.where('user_id', '=', userId)
		.where('kind', '=', 'device')
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return row?.since == null ? null : Number(row.since);
}
