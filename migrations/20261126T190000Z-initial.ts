import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// Times are epoch milliseconds (bigint); booleans are 0/1 integers, identical on both engines.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const pg = dialect === 'postgres';
	const serial =
		(name: string) =>
		(t: CreateTableBuilder<string, never>): CreateTableBuilder<string, never> =>
			pg
				? t.addColumn(name, 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
				: t.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
	const real = pg ? 'double precision' : 'real';

	await db.schema
		.createTable('users')
		.$call(serial('id'))
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('callsign', 'text')
		.addColumn('team', 'text')
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text')
		.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('last_seen_at', 'bigint', (c) => c.notNull())
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('device_tokens')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('last_used_at', 'bigint')
		.addColumn('revoked_at', 'bigint')
		.execute();
	await db.schema.createIndex('device_tokens_user').on('device_tokens').column('user_id').execute();

	await db.schema
		.createTable('duty_periods')
		.$call(serial('id'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('started_at', 'bigint', (c) => c.notNull())
		.addColumn('ended_at', 'bigint')
		.execute();
	await db.schema.createIndex('duty_periods_user').on('duty_periods').columns(['user_id', 'started_at']).execute();

	await db.schema
		.createTable('imports')
		.$call(serial('id'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('content_hash', 'text', (c) => c.notNull().unique())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('rows_read', 'integer', (c) => c.notNull())
		.addColumn('rows_accepted', 'integer', (c) => c.notNull())
		.addColumn('rows_rejected', 'integer', (c) => c.notNull())
		.addColumn('rows_without_location', 'integer', (c) => c.notNull())
		.addColumn('report', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('created_by', 'integer')
		.execute();

	await db.schema
		.createTable('crime_records')
		.$call(serial('id'))
		.addColumn('import_id', 'integer')
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
		.addColumn('harm', real, (c) => c.notNull().defaultTo(0))
		.execute();
	// police.uk rows without a crime id (anti-social behaviour) are distinct incidents: unique only when set
	await db.schema
		.createIndex('crime_records_source_id')
		.on('crime_records')
		.columns(['source', 'source_id'])
		.unique()
		.where(sql.ref('source_id'), 'is not', null)
		.execute();
	await db.schema.createIndex('crime_records_month').on('crime_records').columns(['month', 'category']).execute();
	await db.schema.createIndex('crime_records_place').on('crime_records').columns(['lat', 'lon']).execute();

	await db.schema
		.createTable('hotspot_sets')
		.$call(serial('id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('params', 'text', (c) => c.notNull())
		.addColumn('target_interval_minutes', 'integer', (c) => c.notNull().defaultTo(240))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('created_by', 'integer')
		.addColumn('published_at', 'bigint')
		.execute();

	await db.schema
		.createTable('hotspots')
		.$call(serial('id'))
		.addColumn('set_id', 'integer', (c) => c.notNull().references('hotspot_sets.id').onDelete('cascade'))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('rank', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('geometry', 'text', (c) => c.notNull())
		.addColumn('centroid_lon', real, (c) => c.notNull())
		.addColumn('centroid_lat', real, (c) => c.notNull())
		.addColumn('min_lon', real, (c) => c.notNull())
		.addColumn('min_lat', real, (c) => c.notNull())
		.addColumn('max_lon', real, (c) => c.notNull())
		.addColumn('max_lat', real, (c) => c.notNull())
		.addColumn('crimes', 'integer', (c) => c.notNull())
		.addColumn('harm', real, (c) => c.notNull())
		.addColumn('z', real, (c) => c.notNull())
		.addColumn('p', real, (c) => c.notNull())
		.addColumn('windows', 'text', (c) => c.notNull())
		.addColumn('why', 'text', (c) => c.notNull())
		.addColumn('briefing', 'text', (c) => c.notNull().defaultTo(''))
		.addUniqueConstraint('hotspots_set_key', ['set_id', 'key'])
		.execute();

	await db.schema
		.createTable('fixes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('officer_id', 'integer', (c) => c.notNull())
		.addColumn('t', 'bigint', (c) => c.notNull())
		.addColumn('received_at', 'bigint', (c) => c.notNull())
		.addColumn('lat', real, (c) => c.notNull())
		.addColumn('lon', real, (c) => c.notNull())
		.addColumn('accuracy', real, (c) => c.notNull())
		.addColumn('speed', real)
		.addColumn('heading', real)
		.addColumn('quality', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('fixes_officer_t').on('fixes').columns(['officer_id', 't']).execute();
	await db.schema.createIndex('fixes_received').on('fixes').column('received_at').execute();

	await db.schema
		.createTable('visits')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('officer_id', 'integer', (c) => c.notNull())
		.addColumn('hotspot_id', 'integer', (c) => c.notNull())
		.addColumn('start_t', 'bigint', (c) => c.notNull())
		.addColumn('end_t', 'bigint', (c) => c.notNull())
		.addColumn('minutes', real, (c) => c.notNull())
		.addColumn('unknown_minutes', real, (c) => c.notNull())
		.addColumn('mode', 'text', (c) => c.notNull())
		.addColumn('stops', 'integer', (c) => c.notNull())
		.addColumn('dose', 'integer', (c) => c.notNull())
		.addColumn('open', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('visits_hotspot_start').on('visits').columns(['hotspot_id', 'start_t']).execute();
	await db.schema.createIndex('visits_officer_start').on('visits').columns(['officer_id', 'start_t']).execute();

	await db.schema
		.createTable('taskings')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('officer_id', 'integer', (c) => c.notNull())
		.addColumn('hotspot_id', 'integer', (c) => c.notNull())
		.addColumn('created_by', 'integer')
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('note', 'text')
		.addColumn('responded_at', 'bigint')
		.execute();
	await db.schema.createIndex('taskings_officer').on('taskings').columns(['officer_id', 'created_at']).execute();

	await db.schema
		.createTable('activities')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('officer_id', 'integer', (c) => c.notNull())
		.addColumn('hotspot_id', 'integer')
		.addColumn('t', 'bigint', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('note', 'text')
		.addColumn('received_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('activities_officer_t').on('activities').columns(['officer_id', 't']).execute();

	await db.schema
		.createTable('audit_log')
		.$call(serial('id'))
		.addColumn('at', 'bigint', (c) => c.notNull())
		.addColumn('actor_id', 'integer')
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('operation', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('detail', 'text', (c) => c.notNull())
		.addColumn('recipients', 'text')
		.addColumn('prev_hash', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}
