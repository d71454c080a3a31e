import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// Hot spot analysis: staged imports (whole file or nothing, without one long write transaction),
// saved column mappings, harm tables, exclusion areas, and the results kept with each set.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const pg = dialect === 'postgres';
	const real = pg ? 'double precision' : 'real';
	const serial =
		(name: string) =>
		(t: CreateTableBuilder<string, never>): CreateTableBuilder<string, never> =>
			pg
				? t.addColumn(name, 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
				: t.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());

	await db.schema.alterTable('imports').addColumn('status', 'text', (c) => c.notNull().defaultTo('done')).execute();
	await db.schema.alterTable('imports').addColumn('bytes_total', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('imports').addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('imports').addColumn('error', 'text').execute();
	await db.schema.alterTable('imports').addColumn('rows_inserted', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('imports').addColumn('rows_updated', 'integer', (c) => c.notNull().defaultTo(0)).execute();

	await db.schema
		.createTable('import_staging')
		.addColumn('import_id', 'integer', (c) => c.notNull())
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('source_id', 'text')
		.addColumn('month', 'text', (c) => c.notNull())
		.addColumn('occurred_at', 'bigint')
		.addColumn('lon', real, (c) => c.notNull())
		.addColumn('lat', real, (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('offence_code', 'text')
		.addColumn('location', 'text')
		.addColumn('lsoa_code', 'text')
		.addColumn('lsoa_name', 'text')
		.addColumn('outcome', 'text')
		.addColumn('context', 'text')
		.addColumn('harm', real, (c) => c.notNull())
		.addPrimaryKeyConstraint('import_staging_pk', ['import_id', 'seq'])
		.execute();

	await db.schema
		.createTable('import_mappings')
		.$call(serial('id'))
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('mapping', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('harm_tables')
		.$call(serial('id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('version', 'text', (c) => c.notNull())
		.addColumn('weights', 'text', (c) => c.notNull())
		.addColumn('excluded', 'text', (c) => c.notNull())
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('exclusion_areas')
		.$call(serial('id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('geometry', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('created_by', 'integer')
		.execute();

	await db.schema.alterTable('hotspot_sets').addColumn('results', 'text', (c) => c.notNull().defaultTo('{}')).execute();
	await db.schema.createIndex('crime_records_occurred').on('crime_records').column('occurred_at').execute();
}
