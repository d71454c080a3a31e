// Whether what an open socket was let in with still holds: its user not disabled, its token not
// revoked, its session not logged out or past its absolute limit — whatever cut it off, here or
// on another node, or from the CLI (docs/protocol.md, Socket authentication). The realtime server
// asks every few seconds and closes the sockets whose answer is no.
import { sessionTimes, touchSessions } from '../db/queries/sessions.ts';
import { liveTokenIds } from '../db/queries/tokens.ts';
import { disabledUserIds } from '../db/queries/users.ts';
import type { Config } from '../config.ts';
import type { DbDeps } from './deps.ts';

export interface Credentials {
	userId: number;
	tokenId: string | null;
	sessionId: string | null;
}

export interface CredentialDeps extends DbDeps {
	config: Pick<Config, 'sessionIdleMinutes'>;
}

/**
 * Checks every credential in `open` at once, and answers for each whether it still holds. A
 * control room on a wall is in use while its socket is open: its session counts as active, and is
 * marked so once half its idle time has passed.
 */
export async function checkCredentials(ctx: CredentialDeps, open: Credentials[]): Promise<(c: Credentials) => boolean> {
	const now = ctx.now();
	const users = [...new Set(open.map((c) => c.userId))];
	const tokens = [...new Set(open.map((c) => c.tokenId).filter((t): t is string => t !== null))];
	const sessions = [...new Set(open.map((c) => c.sessionId).filter((t): t is string => t !== null))];
	const disabled = await disabledUserIds(ctx.db, users);
	const liveTokens = await liveTokenIds(ctx.db, tokens);
	const times = (await sessionTimes(ctx.db, sessions)).filter((s) => s.expires_at > now);
	const liveSessions = new Set(times.map((s) => s.id));
	const idleMs = ctx.config.sessionIdleMinutes * 60_000;
	const stale = times.filter((s) => now - s.last_seen_at > idleMs / 2).map((s) => s.id);
	if (stale.length) await touchSessions(ctx.db, stale, now);
	return (c) => !disabled.has(c.userId) && (c.tokenId === null || liveTokens.has(c.tokenId)) && (c.sessionId === null || liveSessions.has(c.sessionId));
}
