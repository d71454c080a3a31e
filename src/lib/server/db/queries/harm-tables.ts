// Harm tables: the weights detection and the dashboard give each crime type.
import type { Db } from '../schema.ts';

export interface StoredHarmTable {
	id: number;
	name: string;
	source: string;
	version: string;
	weights: Record<string, number>;
	excluded: string[];
}

/** The table an analyst activated last, if any. */
export async function activeHarmRow(db: Db): Promise<StoredHarmTable | undefined> {
	const row = await db.selectFrom('harm_tables').selectAll().where('active', '=', 1).orderBy('id', 'desc').executeTakeFirst();
	return row && { id: row.id, name: row.name, source: row.source, version: row.version, weights: JSON.parse(row.weights), excluded: JSON.parse(row.excluded) };
}

/** Stores a table as the only active one. */
export async function insertActiveHarmTable(db: Db, t: Omit<StoredHarmTable, 'id'>, now: number): Promise<number> {
	await db.updateTable('harm_tables').set({ active: 0 }).execute();
	const { id } = await db
		.insertInto('harm_tables')
		.values({ name: t.name, source: t.source, version: t.version, weights: JSON.stringify(t.weights), excluded: JSON.stringify(t.excluded), active: 1, created_at: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}
