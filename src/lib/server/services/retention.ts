// Retention: each data class is kept for its own period, then erased on schedule in small
// batches (each its own short transaction, so SQLite's one writer is never held for long), and
// every erasure is logged as metadata only: the class, the cut-off and how many rows, never what
// they held (UK Law Enforcement Directive logging duty; DPA 2018 s.39 periodic review).
//
// The audit log itself is not erased here: it is append-only to the app (SQLite triggers refuse
// DELETE; on PostgreSQL the app's role has no DELETE on it). RETENTION_AUDIT_YEARS is applied by
// the database owner, outside the app, and is read here only so that it is stated in one place.
import type { RetentionPolicy } from '../config-retention.ts';
import { AGED_CLASSES, countAged, countCrimesBefore, countPersonsOnlyBefore, crimeIdsBefore, deleteAgedBatch, deleteCrimesAndOrphans } from '../db/queries/retention.ts';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { audit } from './audit.ts';
import { bumpCrimeVersion } from '../db/queries/crimes.ts';

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

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What `applyRetention` would erase now, class by class; nothing is changed. */
export async function countRetention(db: Db, policy: RetentionPolicy, now: number): Promise<RetentionCounts> {
	const cut = retentionCutoffs(policy, now);
	const counts = Object.fromEntries(RETENTION_CLASSES.map((c) => [c, 0])) as RetentionCounts;
	for (const c of AGED_CLASSES) counts[c] = await countAged(db, c, cut[c]!);
	const crime = crimeCutoff(policy, now);
	if (crime) {
		counts['crime-records'] = await countCrimesBefore(db, crime.month);
		// people whose every link is to a record that goes
		counts.persons = await countPersonsOnlyBefore(db, crime.month);
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
		for (const c of AGED_CLASSES) {
			for (;;) {
				const n = await deleteAgedBatch(db, c, cut[c]!, size);
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
		const ids = await crimeIdsBefore(db, month, size);
		if (ids.length === 0) return;
		const done = await inTransaction(db, (tx) => deleteCrimesAndOrphans(tx, ids, size));
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
