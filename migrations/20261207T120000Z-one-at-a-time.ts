import { sql, type Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// What the database itself now decides when requests race (issue 13): an officer has at most
// one open duty period (twenty toggles sent at once had left nine), and a TOTP step is spent once.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
	// Close all but each officer's latest open period, at the start of the next one, so that no
	// two periods overlap and nothing recorded is dropped.
	const open = await db
		.selectFrom('duty_periods')
		.select(['id', 'user_id', 'started_at'])
		.where('ended_at', 'is', null)
		.orderBy('user_id')
		.orderBy('started_at')
		.orderBy('id')
		.execute();
	for (let i = 0; i + 1 < open.length; i++) {
		const [p, next] = [open[i], open[i + 1]];
		if (p.user_id !== next.user_id) continue;
		await db.updateTable('duty_periods').set({ ended_at: next.started_at }).where('id', '=', p.id).execute();
	}
	// both engines take a partial unique index, and ON CONFLICT (user_id) WHERE ended_at IS NULL
	await sql`CREATE UNIQUE INDEX duty_periods_one_open ON duty_periods (user_id) WHERE ended_at IS NULL`.execute(db);
	await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
}
