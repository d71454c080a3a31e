import { sql, type Insertable, type Selectable } from 'kysely';
import type { FixQuality } from '../../../domain/presence/fix.ts';
import type { StoredFix } from '../../../realtime/contract.ts';
import type { Db, FixesTable } from '../schema.ts';

export type FixRow = Insertable<FixesTable>;

function toStoredFix(r: Selectable<FixesTable>): StoredFix {
	return {
		id: r.id,
		officerId: r.officer_id,
		t: r.t,
		lat: r.lat,
		lon: r.lon,
		accuracy: r.accuracy,
		speed: r.speed,
		heading: r.heading,
		// written by ingest from fixQuality(), never anything else
		quality: r.quality as FixQuality,
		receivedAt: r.received_at,
		source: r.source
	};
}

/** Inserts what is new and returns the ids actually inserted; ids already stored are skipped. */
export async function insertFixes(db: Db, rows: FixRow[]): Promise<Set<string>> {
	const inserted = new Set<string>();
	// 11 columns × 400 rows stays far below both engines' bound-parameter limits
	for (let i = 0; i < rows.length; i += 400) {
		const chunk = rows.slice(i, i + 400);
		const out = await db
			.insertInto('fixes')
			.values(chunk)
			.onConflict((oc) => oc.column('id').doNothing())
			.returning('id')
			.execute();
		for (const r of out) inserted.add(r.id);
	}
	return inserted;
}

export async function fixOwners(db: Db, ids: string[]): Promise<Map<string, number>> {
	const owners = new Map<string, number>();
	for (let i = 0; i < ids.length; i += 500) {
		const rows = await db
			.selectFrom('fixes')
			.select(['id', 'officer_id'])
			.where('id', 'in', ids.slice(i, i + 500))
			.execute();
		for (const r of rows) owners.set(r.id, r.officer_id);
	}
	return owners;
}

export async function getFix(db: Db, id: string) {
	return db.selectFrom('fixes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countFixes(db: Db, officerId?: number): Promise<number> {
	let q = db.selectFrom('fixes').select((eb) => eb.fn.countAll<number>().as('n'));
	if (officerId !== undefined) q = q.where('officer_id', '=', officerId);
	const r = await q.executeTakeFirstOrThrow();
	return Number(r.n);
}

/** The latest usable fix of each officer since `since`. */
export async function latestFixes(db: Db, since: number, officerIds?: number[]) {
	let inner = db
		.selectFrom('fixes')
		.select([
			'id',
			'officer_id',
			't',
			'lat',
			'lon',
			'accuracy',
			'speed',
			sql<number>`row_number() over (partition by officer_id order by t desc)`.as('rn')
		])
		.where('t', '>=', since)
		.where('quality', '=', 'ok');
	if (officerIds) {
		if (officerIds.length === 0) return [];
		inner = inner.where('officer_id', 'in', officerIds);
	}
	return db.selectFrom(inner.as('f')).selectAll().where('rn', '=', 1).execute();
}

/** An officer's stored fixes with device time from `from` to `to`, oldest first, as ingest committed them. */
export async function fixesBetween(db: Db, officerId: number, from: number, to: number): Promise<StoredFix[]> {
	const rows = await db
		.selectFrom('fixes')
		.selectAll()
		.where('officer_id', '=', officerId)
		.where('t', '>=', from)
		.where('t', '<=', to)
		.orderBy('t')
		.execute();
	return rows.map(toStoredFix);
}
