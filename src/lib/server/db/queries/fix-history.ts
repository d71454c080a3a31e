// Reading stored fixes after the fact: the control room's replay and an officer's own last day.
// (Writing them, and the live fleet's reads, are queries/fixes.ts.)
import { sql } from 'kysely';
import type { Db } from '../schema.ts';

export async function countGoodFixes(db: Db, from: number, to: number): Promise<number> {
	const r = await db
		.selectFrom('fixes')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('t', '>=', from)
		.where('t', '<=', to)
		.where('quality', '=', 'ok')
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

/** The first good fix of each officer in each `step` ms, with their callsign: positions, not averages. */
export async function thinnedTracks(db: Db, from: number, to: number, step: number, limit: number) {
	const first = db
		.selectFrom('fixes')
		.select(['officer_id', 't', 'lat', 'lon', sql<number>`row_number() over (partition by officer_id, t / ${sql.lit(step)} order by t)`.as('rn')])
		.where('t', '>=', from)
		.where('t', '<=', to)
		.where('quality', '=', 'ok');
	const rows = await db
		.selectFrom(first.as('f'))
		.innerJoin('users', 'users.id', 'f.officer_id')
		.select(['f.officer_id', 'users.callsign', 'users.username', 'f.t', 'f.lat', 'f.lon'])
		.where('f.rn', '=', 1)
		.orderBy('f.t')
		.limit(limit)
		.execute();
	return rows.map((r) => ({ officer: r.officer_id, callsign: r.callsign ?? r.username, t: Number(r.t), lon: Number(r.lon), lat: Number(r.lat) }));
}

/** An officer's own fixes since `from`, newest first: what the server holds about their phone. */
export function recentFixesOf(db: Db, officerId: number, from: number, limit: number) {
	return db
		.selectFrom('fixes')
		.select(['id', 't', 'lat', 'lon', 'accuracy', 'speed', 'heading', 'quality', 'source'])
		.where('officer_id', '=', officerId)
		.where('t', '>=', from)
		.orderBy('t', 'desc')
		.limit(limit)
		.execute();
}

export async function anyFixStored(db: Db): Promise<boolean> {
	return (await db.selectFrom('fixes').select('id').limit(1).executeTakeFirst()) !== undefined;
}
