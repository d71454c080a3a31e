import { STARTER_HARM, type HarmTable } from '../../domain/hotspots/harm.ts';
import { bumpCrimeVersion, reweighCrimes } from '../db/queries/crimes.ts';
import { activeHarmRow, insertActiveHarmTable } from '../db/queries/harm-tables.ts';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';

/** The harm table in force: the last one an analyst activated, else the starter CHI values. */
export async function activeHarmTable(db: Db): Promise<HarmTable & { id: number | null; name: string }> {
	return (await activeHarmRow(db)) ?? { ...STARTER_HARM, id: null, name: 'Starter (Cambridge CHI per police.uk category)' };
}

/** Stores and activates a table, and re-weights every stored record (counts are untouched). */
export async function activateHarmTable(db: Db, name: string, table: HarmTable, now: number): Promise<number> {
	return inTransaction(db, async (tx) => {
		const id = await insertActiveHarmTable(tx, { name, source: table.source, version: table.version, weights: table.weights, excluded: table.excluded }, now);
		await reweighCrimes(tx, table.weights);
		await bumpCrimeVersion(tx);
		return id;
	});
}
