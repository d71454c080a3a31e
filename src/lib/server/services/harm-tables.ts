import { STARTER_HARM, type HarmTable } from '../../domain/hotspots/harm.ts';
import type { Db } from '../db/schema.ts';

/** The harm table in force: the last one an analyst activated, else the starter CHI values. */
export async function activeHarmTable(db: Db): Promise<HarmTable & { id: number | null; name: string }> {
	const row = await db.selectFrom('harm_tables').selectAll().where('active', '=', 1).orderBy('id', 'desc').executeTakeFirst();
	if (!row) return { ...STARTER_HARM, id: null, name: 'Starter (Cambridge CHI per police.uk category)' };
	return { id: row.id, name: row.name, source: row.source, version: row.version, weights: JSON.parse(row.weights), excluded: JSON.parse(row.excluded) };
}

/** Stores and activates a table, and re-weights every stored record (counts are untouched). */
export async function activateHarmTable(db: Db, name: string, table: HarmTable, now: number): Promise<number> {
	return db.transaction().execute(async (tx) => {
		await tx.updateTable('harm_tables').set({ active: 0 }).execute();
		const { id } = await tx
			.insertInto('harm_tables')
			.values({ name, source: table.source, version: table.version, weights: JSON.stringify(table.weights), excluded: JSON.stringify(table.excluded), active: 1, created_at: now })
			.returning('id')
			.executeTakeFirstOrThrow();
		await tx.updateTable('crime_records').set({ harm: 0 }).execute();
		// categories first, then offence codes, which win where both apply (as harmFor does)
		for (const [key, weight] of Object.entries(table.weights)) {
			await tx.updateTable('crime_records').set({ harm: weight }).where('category', '=', key).execute();
		}
		for (const [key, weight] of Object.entries(table.weights)) {
			await tx.updateTable('crime_records').set({ harm: weight }).where('offence_code', '=', key).execute();
		}
		await tx.updateTable('meta').set((eb) => ({ value: eb('value', '+', 1) })).where('key', '=', 'crime_version').execute();
		return id;
	});
}
