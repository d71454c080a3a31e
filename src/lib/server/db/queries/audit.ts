// The audit log's rows: appended in turn (one transaction, an advisory lock on PostgreSQL),
// walked in pages by the chain check, filtered for the administrators' page and export.
import { PostgresAdapter, sql, type Insertable, type Selectable } from 'kysely';
import type { AuditLogTable, Db } from '../schema.ts';

export type AuditRow = Selectable<AuditLogTable>;

/** Writers take turns: on PostgreSQL a transaction-scoped advisory lock (SQLite has one writer anyway). */
export async function lockAuditLog(tx: Db): Promise<void> {
	if (tx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(7261001)`.execute(tx);
}

export function lastAuditRow(db: Db): Promise<AuditRow | undefined> {
	return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function countAuditRows(db: Db): Promise<number> {
	const r = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function insertAuditRow(db: Db, row: Insertable<AuditLogTable>): Promise<void> {
	await db.insertInto('audit_log').values(row).execute();
}

/** One page of the chain, in order, after row `after`. */
export function auditRowsAfter(db: Db, after: number, limit: number): Promise<AuditRow[]> {
	return db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
}

export function auditHashOf(db: Db, id: number): Promise<{ hash: string } | undefined> {
	return db.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst();
}

export interface AuditFilter {
	operation: AuditLogTable['operation'] | null;
	actor: string | null;
	from: number | null;
	to: number | null;
	before: number | null;
}

/** Newest first, at most `limit`. */
export function listAuditRows(db: Db, q: AuditFilter, limit: number): Promise<AuditRow[]> {
	let s = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
	if (q.operation) s = s.where('operation', '=', q.operation);
	if (q.actor) s = s.where('actor', '=', q.actor);
	if (q.from !== null) s = s.where('at', '>=', q.from);
	if (q.to !== null) s = s.where('at', '<', q.to);
	if (q.before !== null) s = s.where('id', '<', q.before);
	return s.execute();
}
