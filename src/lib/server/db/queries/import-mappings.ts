// Column mappings an analyst saved by name, for a force's own files.
import type { Db } from '../schema.ts';

export function listMappings(db: Db): Promise<{ id: number; name: string; mapping: string }[]> {
	return db.selectFrom('import_mappings').select(['id', 'name', 'mapping']).orderBy('name').execute();
}

/** A saved mapping's JSON text. */
export async function mappingText(db: Db, id: number): Promise<string | undefined> {
	return (await db.selectFrom('import_mappings').select('mapping').where('id', '=', id).executeTakeFirst())?.mapping;
}

/** Saves under a name: replaces the mapping of that name, or adds it. */
export async function saveMapping(db: Db, name: string, mapping: string, now: number): Promise<void> {
	const existing = await db.selectFrom('import_mappings').select('id').where('name', '=', name).executeTakeFirst();
	if (existing) await db.updateTable('import_mappings').set({ mapping }).where('id', '=', existing.id).execute();
	else await db.insertInto('import_mappings').values({ name, mapping, created_at: now }).execute();
}
