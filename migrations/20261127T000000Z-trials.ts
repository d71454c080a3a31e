import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// Randomised trials over a published set (assignments stored with their seed), and officers'
// opt-in to being named in the week's recognition.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const pg = dialect === 'postgres';
	const serial =
		(name: string) =>
		(t: CreateTableBuilder<string, never>): CreateTableBuilder<string, never> =>
			pg
				? t.addColumn(name, 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
				: t.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
	await db.schema
		.createTable('trials')
		.$call(serial('id'))
		.addColumn('set_id', 'integer', (c) => c.notNull().references('hotspot_sets.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('seed', 'text', (c) => c.notNull())
		.addColumn('fraction', pg ? 'double precision' : 'real', (c) => c.notNull())
		.addColumn('start_day', 'text', (c) => c.notNull())
		.addColumn('end_day', 'text', (c) => c.notNull())
		.addColumn('day_start_hour', 'integer', (c) => c.notNull().defaultTo(6))
		.addColumn('tz', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('created_by', 'integer')
		.execute();
	await db.schema
		.createTable('trial_assignments')
		.addColumn('trial_id', 'integer', (c) => c.notNull().references('trials.id').onDelete('cascade'))
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('hotspot_id', 'integer', (c) => c.notNull())
		.addColumn('arm', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('trial_assignments_pk', ['trial_id', 'day', 'hotspot_id'])
		.execute();
	await db.schema.alterTable('users').addColumn('recognition', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
