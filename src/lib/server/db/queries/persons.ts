// People named in a force's own crime records, and their links to records (by role).
import type { Db, PersonRole } from '../schema.ts';

export interface Person {
	id: number;
	source: string;
	ref: string;
	name: string | null;
	dob: string | null;
}

export function getPerson(db: Db, id: number): Promise<Person | undefined> {
	return db.selectFrom('persons').select(['id', 'source', 'ref', 'name', 'dob']).where('id', '=', id).executeTakeFirst();
}

/** How many records name the person, per role. */
export async function personRoleCounts(db: Db, personId: number): Promise<{ role: PersonRole; n: number }[]> {
	const rows = await db
		.selectFrom('crime_persons')
		.select(['role', (eb) => eb.fn.countAll<number>().as('n')])
		.where('person_id', '=', personId)
		.groupBy('role')
		.execute();
	return rows.map((r) => ({ role: r.role, n: Number(r.n) }));
}

/** The people a record names, with their role in it. */
export function peopleOfRecord(db: Db, crimeId: number): Promise<{ id: number; ref: string; name: string | null; dob: string | null; role: string }[]> {
	return db
		.selectFrom('crime_persons')
		.innerJoin('persons', 'persons.id', 'crime_persons.person_id')
		.select(['persons.id', 'persons.ref', 'persons.name', 'persons.dob', 'crime_persons.role'])
		.where('crime_persons.crime_id', '=', crimeId)
		.orderBy('crime_persons.role')
		.execute();
}

/** Everyone, in id order (the dashboard's people panel indexes them). */
export function listPersons(db: Db): Promise<{ id: number; ref: string; name: string | null; dob: string | null }[]> {
	return db.selectFrom('persons').select(['id', 'ref', 'name', 'dob']).orderBy('id').execute();
}

/** Every link, rows as stored: a few small values each, all of them at once even at a million. */
export function listCrimeLinks(db: Db): Promise<{ crime_id: number; person_id: number; role: PersonRole }[]> {
	return db.selectFrom('crime_persons').select(['crime_id', 'person_id', 'role']).execute();
}
