// What administrators do: users (disable, enable, unlock, revoke tokens, enrol a second factor)
// and the audit log (read, export, verify). Every change is an audited alteration; every look at
// the log is itself audited.
import { DateTime } from 'luxon';
import { listAuditRows } from '../db/queries/audit.ts';
import { revokeUserTokens } from '../db/queries/tokens.ts';
import { getUser, listUserAccounts, setTotpSecret, setUserDisabled, unlockUser, type UserAccount } from '../db/queries/users.ts';
import { deleteUserSessions } from '../db/queries/sessions.ts';
import type { Db } from '../db/schema.ts';
import type { BusDeps, DbDeps } from './deps.ts';
import { newTotpSecret, otpauthUri } from '../security/totp.ts';
import { auditBy, verifyAuditChain, type AuditOperation } from './audit.ts';

export interface Admin {
	id: number;
	username: string;
}

export function listUsersForAdmin(db: Db): Promise<UserAccount[]> {
	return listUserAccounts(db);
}

export type UserAction = 'disable' | 'enable' | 'unlock' | 'revoke-tokens' | 'enrol-totp' | 'remove-totp';

export class AdminError extends Error {}

/**
 * One change to one user. Disabling or revoking ends their sessions and tokens at once, and the
 * bus tells every node to close their live sockets (the sweep catches any that miss it).
 */
export async function changeUser(ctx: BusDeps, admin: Admin, userId: number, action: UserAction): Promise<{ otpauth?: string }> {
	const user = await getUser(ctx.db, userId);
	if (!user) throw new AdminError(`no user ${userId}`);
	if (user.id === admin.id && (action === 'disable' || action === 'revoke-tokens')) throw new AdminError('you cannot lock yourself out; ask another administrator');
	const now = ctx.now();
	let out: { otpauth?: string } = {};
	switch (action) {
		case 'disable':
			await setUserDisabled(ctx.db, userId, true);
			await deleteUserSessions(ctx.db, userId);
			ctx.bus.publish('user:revoked', { userId });
			break;
		case 'enable':
			await setUserDisabled(ctx.db, userId, false);
			break;
		case 'unlock':
			await unlockUser(ctx.db, userId);
			break;
		case 'revoke-tokens':
			await revokeUserTokens(ctx.db, userId, now);
			ctx.bus.publish('user:revoked', { userId });
			break;
		case 'enrol-totp': {
			const secret = newTotpSecret();
			await setTotpSecret(ctx.db, userId, secret);
			out = { otpauth: otpauthUri(secret, user.username) };
			break;
		}
		case 'remove-totp':
			await setTotpSecret(ctx.db, userId, null);
			break;
		default:
			throw new AdminError(`unknown action "${action as string}"`);
	}
	await auditBy(ctx, admin, 'alteration', `user:${userId}`, { action });
	return out;
}

export interface AuditQuery {
	operation: AuditOperation | null;
	actor: string | null;
	from: number | null;
	to: number | null;
	limit: number;
	before: number | null;
}

const OPERATIONS: AuditOperation[] = ['collection', 'alteration', 'consultation', 'disclosure', 'combination', 'erasure'];

export function readAuditQuery(p: URLSearchParams, tz: string): { query: AuditQuery; problems: string[] } {
	const problems: string[] = [];
	const op = p.get('operation') || null;
	if (op && !OPERATIONS.includes(op as AuditOperation)) problems.push(`operation: "${op}" is not one of ${OPERATIONS.join(', ')}`);
	const day = (name: string, end: boolean) => {
		const v = p.get(name);
		if (!v) return null;
		if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
			problems.push(`${name}: "${v}" is not a date (YYYY-MM-DD)`);
			return null;
		}
		const t = DateTime.fromISO(v, { zone: tz }).startOf('day');
		return (end ? t.plus({ days: 1 }) : t).toMillis();
	};
	const before = Number(p.get('before'));
	return {
		query: {
			operation: op && OPERATIONS.includes(op as AuditOperation) ? (op as AuditOperation) : null,
			actor: p.get('actor') || null,
			from: day('from', false),
			to: day('to', true),
			limit: 200,
			before: Number.isInteger(before) && before > 0 ? before : null
		},
		problems
	};
}

export function auditRows(db: Db, q: AuditQuery, limit: number) {
	return listAuditRows(db, q, limit);
}

/** The page: rows, the chain's state, and this look recorded. */
export async function auditView(ctx: DbDeps, admin: Admin, q: AuditQuery) {
	const rows = await auditRows(ctx.db, q, q.limit);
	const chain = await verifyAuditChain(ctx.db);
	await auditBy(ctx, admin, 'consultation', 'audit-log', { operation: q.operation, actor: q.actor, rows: rows.length });
	return { rows: rows.map((r) => ({ ...r, at: Number(r.at) })), chain };
}
