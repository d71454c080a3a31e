// The audit log: who did what with personal data, as the UK Law Enforcement Directive logging
// duty lists it (collection, alteration, consultation, disclosure, combination, erasure). Each
// row carries the hash of the one before, so a row removed or edited afterwards breaks the chain
// and `verifyAuditChain` says where.
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { AuditLogTable, Db } from '../db/schema.ts';

export type AuditOperation = AuditLogTable['operation'];

export interface AuditEntry {
	actor: { id: number | null; name: string };
	operation: AuditOperation;
	/** what was touched, e.g. "people-panel", "crime-record:123", "export:dashboard.csv" */
	subject: string;
	/** why and with what scope: the filter, the counts shown */
	detail: Record<string, unknown>;
	/** for disclosures: who received it */
	recipients?: string | null;
}

export const GENESIS = '0'.repeat(64);

function rowHash(prev: string, r: { at: number; actor_id: number | null; actor: string; operation: string; subject: string; detail: string; recipients: string | null }): string {
	return createHash('sha256')
		.update(prev)
		.update('\n')
		.update(JSON.stringify([r.at, r.actor_id, r.actor, r.operation, r.subject, r.detail, r.recipients]))
		.digest('hex');
}

/**
 * Appends one entry to the chain. Writers take turns (one transaction, an advisory lock on
 * PostgreSQL); called with a transaction, the entry commits or rolls back with the caller's work.
 */
export async function audit(db: Db, entry: AuditEntry, at: number): Promise<void> {
	const write = async (tx: Db) => {
		await lockChain(tx);
		const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
		const row = {
			at,
			actor_id: entry.actor.id,
			actor: entry.actor.name,
			operation: entry.operation,
			subject: entry.subject,
			detail: JSON.stringify(entry.detail),
			recipients: entry.recipients ?? null
		};
		const prev = last?.hash ?? GENESIS;
		await tx.insertInto('audit_log').values({ ...row, prev_hash: prev, hash: rowHash(prev, row) }).execute();
	};
	if (db.isTransaction) await write(db);
	else await db.transaction().execute(write);
}

async function lockChain(tx: Db): Promise<void> {
	// SQLite writes one transaction at a time already; PostgreSQL needs the chain's tail held
	if (tx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(7261001)`.execute(tx);
}

/** Walks the chain; the first row whose link or hash does not match is reported. */
export async function verifyAuditChain(db: Db): Promise<{ ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string }> {
	let prev = GENESIS;
	let rows = 0;
	let after = 0;
	for (;;) {
		const page = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(5000).execute();
		if (page.length === 0) return { ok: true, rows };
		for (const r of page) {
			if (r.prev_hash !== prev) return { ok: false, rows, brokenAt: r.id, reason: 'the link to the row before does not match (a row was removed or reordered)' };
			if (rowHash(prev, r) !== r.hash) return { ok: false, rows, brokenAt: r.id, reason: "the row's content does not match its hash (it was edited)" };
			prev = r.hash;
			rows++;
			after = r.id;
		}
	}
}

/** The usual call: a signed-in user (or a system actor) did `operation` to `subject`, now. */
export async function auditBy(
	ctx: { db: Db; now: () => number },
	user: { id: number; username: string } | null,
	operation: AuditOperation,
	subject: string,
	detail: Record<string, unknown>,
	recipients: string | null = null
): Promise<void> {
	await audit(ctx.db, { actor: user ? { id: user.id, name: user.username } : { id: null, name: 'system' }, operation, subject, detail, recipients }, ctx.now());
}
