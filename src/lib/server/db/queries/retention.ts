// The rows retention erases: which rows of each class are old, counted or deleted in batches, and
// crime records with their links and the people left with none.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../schema.ts';

export type AgedClass = 'fixes' | 'visits' | 'activities' | 'taskings' | 'duty-periods' | 'sessions';

// Which rows of each class are old. Open visits and duty periods still running are never taken.
const OLD: Record<AgedClass, { table: string; where: (cut: number) => RawBuilder<unknown> }> = {
	fixes: { table: 'fixes', where: (cut) => sql`received_at < ${cut}` },
	visits: { table: 'visits', where: (cut) => sql`end_t < ${cut} and open = 0` },
	activities: { table: 'activities', where: (cut) => sql`t < ${cut}` },
	taskings: { table: 'taskings', where: (cut) => sql`created_at < ${cut}` },
	'duty-periods': { table: 'duty_periods', where: (cut) => sql`ended_at is not null and ended_at < ${cut}` },
	sessions: { table: 'sessions', where: (cut) => sql`expires_at < ${cut}` }
};

export const AGED_CLASSES = Object.keys(OLD) as AgedClass[];

export async function countAged(db: Db, c: AgedClass, cut: number): Promise<number> {
	const spec = OLD[c];
	const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(spec.table)} where ${spec.where(cut)}`.execute(db);
	return Number(r.rows[0].n);
}

/** Deletes at most `size` old rows of a class; returns how many went. */
export async function deleteAgedBatch(db: Db, c: AgedClass, cut: number, size: number): Promise<number> {
	const spec = OLD[c];
	const table = sql.table(spec.table);
	const r = await sql`delete from ${table} where id in (select id from ${table} where ${spec.where(cut)} limit ${size})`.execute(db);
	return Number(r.numAffectedRows ?? 0);
}

export async function countCrimesBefore(db: Db, month: string): Promise<number> {
	return Number((await db.selectFrom('crime_records').select((eb) => eb.fn.countAll().as('n')).where('month', '<', month).executeTakeFirstOrThrow()).n);
}

/** People whose every link is to a record before `month`. */
export async function countPersonsOnlyBefore(db: Db, month: string): Promise<number> {
	const r = await sql<{ n: number | string }>`select count(*) as n from persons p
		where exists (select 1 from crime_persons l join crime_records r on r.id = l.crime_id where l.person_id = p.id and r.month < ${month})
		and not exists (select 1 from crime_persons l join crime_records r on r.id = l.crime_id where l.person_id = p.id and r.month >= ${month})`.execute(db);
	return Number(r.rows[0].n);
}

/** The ids of the first `size` records before `month`. */
export async function crimeIdsBefore(db: Db, month: string, size: number): Promise<number[]> {
	return (await db.selectFrom('crime_records').select('id').where('month', '<', month).orderBy('id').limit(size).execute()).map((r) => r.id);
}

/** Deletes these records, their links to people, and the people left with no link (run in a transaction). */
export async function deleteCrimesAndOrphans(tx: Db, ids: number[], size: number): Promise<{ records: number; persons: number }> {
	const people = [...new Set((await tx.selectFrom('crime_persons').select('person_id').where('crime_id', 'in', ids).execute()).map((r) => r.person_id))];
	await tx.deleteFrom('crime_persons').where('crime_id', 'in', ids).execute();
	const records = await tx.deleteFrom('crime_records').where('id', 'in', ids).executeTakeFirst();
	let persons = 0;
	for (let i = 0; i < people.length; i += size) {
		const r = await tx
			.deleteFrom('persons')
			.where('id', 'in', people.slice(i, i + size))
			.where(({ not, exists, selectFrom }) => not(exists(selectFrom('crime_persons').select('crime_id').whereRef('crime_persons.person_id', '=', 'persons.id'))))
			.executeTakeFirst();
		persons += Number(r.numDeletedRows);
	}
	return { records: Number(records.numDeletedRows), persons };
}
