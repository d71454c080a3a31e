import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// People involved in crime records (from a force's own data only), the links with their role,
// and a version counter that tells every node when the crime records have changed.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const pg = dialect === 'postgres';
	const serial =
		(name: string) =>
		(t: CreateTableBuilder<string, never>): CreateTableBuilder<string, never> =>
			pg
				? t.addColumn(name, 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
				: t.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
	await db.schema
		.createTable('persons')
		.$call(serial('id'))
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('ref', 'text', (c) => c.notNull())
		.addColumn('name', 'text')
		.addColumn('dob', 'text')
		.addUniqueConstraint('persons_source_ref', ['source', 'ref'])
		.execute();
	await db.schema
		.createTable('crime_persons')
		.addColumn('crime_id', 'integer', (c) => c.notNull().references('crime_records.id').onDelete('cascade'))
		.addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('crime_persons_pk', ['crime_id', 'person_id', 'role'])
		.execute();
	await db.schema.createIndex('crime_persons_person').on('crime_persons').columns(['person_id', 'role']).execute();
	await db.schema.alterTable('import_staging').addColumn('persons', 'text').execute();
	await db.schema
		.createTable('meta')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'bigint', (c) => c.notNull())
		.execute();
	await db.insertInto('meta').values({ key: 'crime_version', value: 1 }).execute();
}
