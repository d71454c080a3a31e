// The audit log: who did what with personal data, as the UK Law Enforcement Directive logging
// duty lists it (collection, alteration, consultation, disclosure, combination, erasure). Rows
// name people and places by reference only (person:12, hot spot 7), never by name, note or
// position: the log is read by administrators, who see no operational data. Each row is chained
// to the one before (audit-chain.ts), so a row removed or edited afterwards is found.
import { countAuditRows, insertAuditRow, lastAuditRow, lockAuditLog } from '../db/queries/audit.ts';
import type { AuditLogTable, Db } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditKeyOf, GENESIS, rowHash } from './audit-chain.ts';

export { auditAnchor, checkAnchor, GENESIS, verifyAuditChain, withAuditKey, type ChainState } from './audit-chain.ts';

export type AuditOperation = AuditLogTable['operation'];

export interface AuditEntry {
	actor: { id: number | null; name: string };
	operation: AuditOperation;
	/** what was touched, e.g. "people-panel", "crime-record:123", "export:dashboard.csv" */
	subject: string;
	/** why and with what scope — ids and counts, never names, notes or positions */
	detail: Record<string, unknown>;
	/** for disclosures: who received it */
	recipients?: string | null;
}

type Row = Omit<AuditLogTable, 'id' | 'prev_hash' | 'hash'>;

/**
 * Appends one entry to the chain. Writers take turns (one transaction, an advisory lock on
 * PostgreSQL); called with a transaction, the entry commits or rolls back with the caller's work.
 */
export async function audit(db: Db, entry: AuditEntry, at: number): Promise<void> {
	const row: Row = {
		at,
		actor_id: entry.actor.id,
		actor: entry.actor.name,
		operation: entry.operation,
		subject: entry.subject,
		detail: JSON.stringify(entry.detail),
		recipients: entry.recipients ?? null
	};
	await inTransaction(db, (tx) => append(tx, [row], at));
}

/**
 * With AUDIT_KEY set and the log ending in rows written without it (the key has just been
 * introduced), one signed row says so; its link covers every row before it.
 */
export async function sealAuditChain(db: Db, at: number): Promise<boolean> {
	if (!auditKeyOf(db)) return false;
	return inTransaction(db, async (tx) => (await append(tx, [], at)) > 0);
}

async function append(tx: Db, rows: Row[], at: number): Promise<number> {
	const key = auditKeyOf(tx);
	await lockAuditLog(tx);
	const last = await lastAuditRow(tx);
	let prev = last?.hash ?? GENESIS;
	const all = [...rows];
	if (key && last && rowHash(last.prev_hash, last, key) !== last.hash) {
		const count = await countAuditRows(tx);
		all.unshift({ at, actor_id: null, actor: 'system', operation: 'alteration', subject: 'audit-log', detail: JSON.stringify({ event: 'signed with AUDIT_KEY from here', rowsBefore: count }), recipients: null });
	}
	for (const r of all) {
		const hash = rowHash(prev, r, key);
		await insertAuditRow(tx, { ...r, prev_hash: prev, hash });
		prev = hash;
	}
	return all.length;
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
