import type { Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// Presence: a visit keeps its inside intervals (patrol-minutes are their union across officers)
// and its minutes by mode; a set's target interval is held in seconds, so tests and short trials
// can use intervals under a minute.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
	await db.schema.alterTable('visits').addColumn('inside', 'text', (c) => c.notNull().defaultTo('[]')).execute();
	await db.schema.alterTable('visits').addColumn('unknown', 'text', (c) => c.notNull().defaultTo('[]')).execute();
	await db.schema.alterTable('visits').addColumn('mode_ms', 'text', (c) => c.notNull().defaultTo('{}')).execute();
	await db.schema.alterTable('hotspot_sets').addColumn('target_interval_s', 'integer', (c) => c.notNull().defaultTo(14_400)).execute();
	await db.updateTable('hotspot_sets').set((eb: any) => ({ target_interval_s: eb('target_interval_minutes', '*', 60) })).execute();
	await db.schema.createIndex('visits_dose').on('visits').columns(['hotspot_id', 'dose', 'end_t']).execute();
}
