// Retention: each data class is kept for its own period, then erased on schedule in small
// batches (each its own short transaction, so SQLite's one writer is never held for long), and
// every erasure is logged as metadata only: the class, the cut-off and how many rows, never what
// they held (UK Law Enforcement Directive logging duty; DPA 2018 s.39 periodic review).
//
// The audit log itself is not erased here: it is append-only to the app (SQLite triggers refuse
// DELETE; on PostgreSQL the app's role has no DELETE on it). RETENTION_AUDIT_YEARS is applied by
// the database owner, outside the app, and is read here only so that it is stated in one place.
import { sql, type RawBuilder } from 'kysely';
import type { RetentionPolicy } from '../config-retention.ts';
import type { Db } from '../db/schema.ts';
import { audit } from './audit.ts';
import { bumpCrimeVersion } from './imports.ts';

export { parseRetention, type RetentionPolicy } from '../config-retention.ts';

export const RETENTION_CLASSES = ['fixes', 'visits', 'activities', 'taskings', 'duty-periods', 'sessions', 'crime-records', 'persons'] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];
export type RetentionCounts = Record<RetentionClass, number>;

const DAY = 86_400_000;

/** The first month kept, as "YYYY-MM" and as its first instant (UTC), or null when crime records are kept. */
function crimeCutoff(policy: RetentionPolicy, now: number): { month: string; at: number } | null {
	if (policy.crimeMonths <= 0) return null;
	const d = new Date(now);
	const at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - policy.crimeMonths, 1);
	return { month: new Date(at).toISOString().slice(0, 7), at };
}

/** Each class's cut-off (epoch ms): rows before it go. null: the class is kept. */
export function retentionCutoffs(policy: RetentionPolicy, now: number): Record<RetentionClass, number | null> {
	const visits = now - policy.visitsDays * DAY;
	const crime = crimeCutoff(policy, now)?.at ?? null;
	return {
		fixes: now - policy.fixesDays * DAY,
		visits,
		activities: visits,
		taskings: visits,
		'duty-periods': visits,
		sessions: now - policy.sessionsDays * DAY,
		'crime-records': crime,
		persons: crime
	};
}

type Simple = Exclude<RetentionClass, 'crime-records' | 'persons'>;

// Which rows of each class are old. Open visits and duty periods still running are never taken.
const OLD: Record<Simple, { table: string; where: (cut: number) => RawBuilder<unknown> }> = {
	fixes: { table: 'fixes', where: (cut) => sql`received_at < ${cut}` },
	visits: { table: 'visits', where: (cut) => sql`end_t < ${cut} and open = 0` },
	activities: { table: 'activities', where: (cut) => sql`t < ${cut}` },
	taskings: { table: 'taskings', where: (cut) => sql`created_at < ${cut}` },
	'duty-periods': { table: 'duty_periods', where: (cut) => sql`ended_at is not null and ended_at < ${cut}` },
	sessions: { table: 'sessions', where: (cut) => sql`expires_at < ${cut}` }
};

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What `applyRetention` would erase now, class by class; nothing is changed. */
export async function countRetention(db: Db, policy: RetentionPolicy, now: number): Promise<RetentionCounts> {
	const cut = retentionCutoffs(policy, now);
	const counts = Object.fromEntries(RETENTION_CLASSES.map((c) => [c, 0])) as RetentionCounts;
	for (const [c, spec] of Object.entries(OLD) as [Simple, (typeof OLD)[Simple]][]) {
		const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(spec.table)} where ${spec.where(cut[c]!)}`.execute(db);
		counts[c] = Number(r.rows[0].n);
	}
	const crime = crimeCutoff(policy, now);
	if (crime) {
		counts['crime-records'] = Number((await db.selectFrom('crime_records').select((eb) => eb.fn.countAll().as('n')).where('month', '<', crime.month).executeTakeFirstOrThrow()).n);
		// people whose every link is to a record that goes
		const r = await sql<{ n: number | string }>`select count(*) as n from persons p
			where exists (select 1 from crime_persons l join crime_records r on r.id = l.crime_id where l.person_id = p.id and r.month < ${crime.month})
			and not exists (select 1 from crime_persons l join crime_records r on r.id = l.crime_id where l.person_id = p.id and r.month >= ${crime.month})`.execute(db);
		counts.persons = Number(r.rows[0].n);
	}
	return counts;
}

/**
 * Erases what is older than each class's cut-off, batch by batch, then writes one erasure row
 * per class to the audit log (also after a failure part-way, for what was erased by then).
 */
export async function applyRetention(db: Db, policy: RetentionPolicy, now: number, opts: { batchSize?: number } = {}): Promise<RetentionCounts> {
	const size = opts.batchSize ?? 2000;
	const cut = retentionCutoffs(policy, now);
	const counts = Object.fromEntries(RETENTION_CLASSES.map((c) => [c, 0])) as RetentionCounts;
	try {
		for (const [c, spec] of Object.entries(OLD) as [Simple, (typeof OLD)[Simple]][]) {
			const table = sql.table(spec.table);
			for (;;) {
				const r = await sql`delete from ${table} where id in (select id from ${table} where ${spec.where(cut[c]!)} limit ${size})`.execute(db);
				const n = Number(r.numAffectedRows ?? 0);
				counts[c] += n;
				if (n < size) break;
				await pause();
			}
		}
		const crime = crimeCutoff(policy, now);
		if (crime) await eraseCrime(db, crime.month, size, counts);
	} finally {
		if (counts['crime-records'] > 0) await bumpCrimeVersion(db);
		for (const c of RETENTION_CLASSES) {
			if (counts[c] === 0) continue;
			await audit(db, { actor: { id: null, name: 'retention' }, operation: 'erasure', subject: `retention:${c}`, detail: { before: new Date(cut[c]!).toISOString(), rows: counts[c] } }, now);
		}
	}
	return counts;
}

/** Crime records before `month`, their links to people, and the people left with no link at all. */
async function eraseCrime(db: Db, month: string, size: number, counts: RetentionCounts): Promise<void> {
	for (;;) {
		const ids = (await db.selectFrom('crime_records').select('id').where('month', '<', month).orderBy('id').limit(size).execute()).map((r) => r.id);
		if (ids.length === 0) return;
		const done = await db.transaction().execute(async (tx) => {
			const people = [...new Set((await tx.selectFrom('crime_persons').select('person_id').where('crime_id', 'in', ids).execute()).map((r) => r.person_id))];
			await tx.deleteFrom('crime_persons').where('crime_id', 'in', ids).execute();
			const records = await tx.deleteFrom('crime_records').where('id', 'in', ids).executeTakeFirst();
			let persons = 0;
			for (let i = 0; i < people.length; i += size) {
				const r = await tx
					.deleteFrom('persons')
					.where('id', 'in', people.slice(i, i + size))
					.where(({ not, exists, selectFrom }) => not(exists(selectFrom('crime_persons').select('crime_id').whereRef('crime_persons.person_id', '=', 'persons.id'))))
					.executeTakeFirst();
				persons += Number(r.numDeletedRows);
			}
			return { records: Number(records.numDeletedRows), persons };
		});
		counts['crime-records'] += done.records;
		counts.persons += done.persons;
		if (ids.length < size) return;
		await pause();
	}
}

/**
 * Runs retention shortly after start and then every six hours, on an unref'd timer so it never
 * keeps the process alive. Errors are logged, never thrown. The returned function stops the
 * schedule and waits for a run in progress.
 */
export function startRetention(
	ctx: { db: Db; now: () => number },
	policy: RetentionPolicy,
	opts: { firstAfterMs?: number; everyMs?: number; log?: Pick<Console, 'log' | 'error'> } = {}
): () => Promise<void> {
	const log = opts.log ?? console;
	let running: Promise<void> | null = null;
	let stopped = false;
	const run = () => {
		if (running || stopped) return;
		running = (async () => {
			try {
				const counts = await applyRetention(ctx.db, policy, ctx.now());
				const erased = RETENTION_CLASSES.filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${c}`);
				if (erased.length) log.log(`retention: erased ${erased.join(', ')}`);
			} catch (e) {
				log.error('retention: run failed', e);
			} finally {
				running = null;
			}
		})();
	};
	const first = setTimeout(run, opts.firstAfterMs ?? 60_000);
	const every = setInterval(run, opts.everyMs ?? 6 * 3600_000);
	first.unref();
	every.unref();
	return async () => {
		stopped = true;
		clearTimeout(first);
		clearInterval(every);
		await running;
	};
}
