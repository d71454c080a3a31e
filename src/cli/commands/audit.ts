import { auditAnchor, checkAnchor, verifyAuditChain } from '../../lib/server/services/audit.ts';
import { args, UsageError, withDatabase } from '../args.ts';

export const help = `audit verify [--anchor <id>:<hash>]
  Walks the audit log's chain and says where it first breaks (exit 1), with AUDIT_KEY as the
  server has it. With --anchor, also checks that the row an earlier anchor named is still there,
  unchanged: that finds rows removed from the end, which no chain can show by itself.
audit anchor
  Prints the newest row's id and hash as <id>:<hash> — keep it outside the database (a ticket, an
  email to the DPO, a printed log) and check it later with audit verify --anchor.`;

export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	if (sub === 'anchor') {
		args(rest, {});
		return withDatabase(async ({ db }) => {
			const a = await auditAnchor(db);
			if (!a) throw new UsageError('the audit log is empty: nothing to anchor yet');
			console.log(`${a.id}:${a.hash}`);
			console.error(`row ${a.id}, written ${new Date(a.at).toISOString()}`);
			return 0;
		});
	}
	if (sub !== 'verify') throw new UsageError(`audit: expected verify or anchor, got "${sub ?? ''}"\n${help}`);
	const { values } = args(rest, { anchor: { type: 'string' } });
	const m = values.anchor === undefined ? null : /^(\d+):([0-9a-f]{64})$/.exec(values.anchor);
	if (values.anchor !== undefined && !m) throw new UsageError(`--anchor must be <id>:<64 hex digits> as audit anchor printed it, got "${values.anchor}"`);
	return withDatabase(async ({ db }) => {
		const chain = await verifyAuditChain(db);
		const signed = chain.keyed ? `signed with AUDIT_KEY${chain.unkeyedRows ? ` (the first ${chain.unkeyedRows} rows before the key was set)` : ''}` : 'unkeyed (AUDIT_KEY not set: finds accidental edits only)';
		if (!chain.ok) {
			console.error(`audit log broken at row ${chain.brokenAt}: ${chain.reason}; ${chain.rows} rows before it intact, ${signed}`);
			return 1;
		}
		const problem = m ? await checkAnchor(db, { id: Number(m[1]), hash: m[2] }) : null;
		if (problem) {
			console.error(`audit log: ${problem}`);
			return 1;
		}
		console.log(`audit log intact: ${chain.rows} rows, ${signed}${m ? `, anchor row ${m[1]} present and unchanged` : ''}`);
		return 0;
	});
}
