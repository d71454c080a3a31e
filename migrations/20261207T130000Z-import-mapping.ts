import { sql, type Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// An import is one file read through one mapping: re-importing a file after fixing its mapping
// answered "already imported (same content)". The unique key becomes (content_hash, mapping_hash)
// — mapping_hash '' for files read without a mapping, so earlier imports keep de-duplicating —
// and the mapping used is kept for the import list. SQLite cannot drop a column's UNIQUE, so the
// table is rebuilt from its own stored definition (whatever columns it has by now).
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	if (dialect === 'postgres') {
		await sql`ALTER TABLE imports DROP CONSTRAINT IF EXISTS imports_content_hash_key`.execute(db);
	} else {
		await db.transaction().execute(async (tx) => {
			const row = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'imports'`.execute(tx);
			const create = row.rows[0]?.sql ?? '';
			const rebuilt = create.replace(/"content_hash" text not null unique/i, '"content_hash" text not null').replace(/^create table "imports"/i, 'CREATE TABLE "imports_rebuilt"');
			if (rebuilt === create || !/imports_rebuilt/.test(rebuilt)) throw new Error(`imports: unexpected table definition: ${create.slice(0, 200)}`);
			await sql.raw(rebuilt).execute(tx);
			await sql`INSERT INTO imports_rebuilt SELECT * FROM imports`.execute(tx);
			await sql`DROP TABLE imports`.execute(tx);
			await sql`ALTER TABLE imports_rebuilt RENAME TO imports`.execute(tx);
		});
	}
	await db.schema.alterTable('imports').addColumn('mapping_hash', 'text', (c) => c.notNull().defaultTo('')).execute();
	await db.schema.alterTable('imports').addColumn('mapping', 'text').execute();
	await db.schema.createIndex('imports_content_mapping').on('imports').columns(['content_hash', 'mapping_hash']).unique().execute();
}
