// The audit log's chain: each row holds the hash of the row before and of itself. With AUDIT_KEY
// the hash is an HMAC-SHA-256 under a key the database never sees, so someone who can write to
// the database (and switch its triggers off) still cannot forge or re-chain rows without being
// found; without it, the plain SHA-256 finds accidental edits only, since anyone can recompute it.
import { createHash, createHmac } from 'node:crypto';
import { auditKeyOf } from '../db/audit-key.ts';
import { auditHashOf, auditRowsAfter, lastAuditRow } from '../db/queries/audit.ts';
import type { AuditLogTable, Db } from '../db/schema.ts';

export { auditKeyOf, withAuditKey } from '../db/audit-key.ts';

export const GENESIS = '0'.repeat(64);

type Hashed = Pick<AuditLogTable, 'at' | 'actor_id' | 'actor' | 'operation' | 'subject' | 'detail' | 'recipients'>;

export function rowHash(prev: string, r: Hashed, key: Buffer | null): string {
	return (key ? createHmac('sha256', key) : createHash('sha256'))
		.update(prev)
		.update('\n')
		.update(JSON.stringify([Number(r.at), r.actor_id, r.actor, r.operation, r.subject, r.detail, r.recipients]))
		.digest('hex');
}

export type ChainState =
	| { ok: true; rows: number; keyed: boolean; unkeyedRows: number }
	| { ok: false; rows: number; keyed: boolean; unkeyedRows: number; brokenAt: number; reason: string };

/**
 * Walks the chain; the first row whose link or hash does not match is reported. With a key, rows
 * written before the key was set (plain SHA-256) may only come first — the first signed row
 * covers them through its link — and a log that has rows must end with a signed one.
 */
export async function verifyAuditChain(db: Db, opts: { key?: Buffer | null } = {}): Promise<ChainState> {
	const key = opts.key === undefined ? auditKeyOf(db) : opts.key;
	let prev = GENESIS;
	let rows = 0;
	let unkeyedRows = 0;
	let signed = 0;
	let first = 0;
	let after = 0;
	const broken = (brokenAt: number, reason: string): ChainState => ({ ok: false, rows, keyed: key !== null, unkeyedRows, brokenAt, reason });
	for (;;) {
		const page = await auditRowsAfter(db, after, 5000);
		if (page.length === 0) break;
		for (const r of page) {
			first ||= r.id;
			if (r.prev_hash !== prev) return broken(r.id, 'the link to the row before does not match (a row was removed or reordered)');
			if (key && rowHash(prev, r, key) === r.hash) signed++;
			else if (rowHash(prev, r, null) !== r.hash)
				return broken(r.id, key ? "the row's content does not match its HMAC (it was edited)" : "the row's content does not match its hash (it was edited, or signed with an AUDIT_KEY this process does not hold)");
			else if (key && signed > 0) return broken(r.id, 'the row is not signed with AUDIT_KEY although rows before it are (the log was re-chained, or a process without the key wrote it)');
			else if (key) unkeyedRows++;
			prev = r.hash;
			rows++;
			after = r.id;
		}
	}
	if (key && rows > 0 && signed === 0) return broken(first, 'no row is signed with AUDIT_KEY (the log was re-chained, or no process with the key has written to it)');
	return { ok: true, rows, keyed: key !== null, unkeyedRows };
}

/** An anchor: the newest row's id and hash, to keep outside the database (`cli audit anchor`). */
export async function auditAnchor(db: Db): Promise<{ id: number; hash: string; at: number } | null> {
	const r = await lastAuditRow(db);
	return r ? { id: r.id, hash: r.hash, at: Number(r.at) } : null;
}

/** Whether the log still holds the row an anchor names, unchanged: finds rows removed from the end. */
export async function checkAnchor(db: Db, anchor: { id: number; hash: string }): Promise<string | null> {
	const r = await auditHashOf(db, anchor.id);
	if (!r) return `row ${anchor.id} named by the anchor is missing (rows were removed from the end of the log)`;
	if (r.hash !== anchor.hash) return `row ${anchor.id} does not have the anchored hash (the log was rewritten)`;
	return null;
}
