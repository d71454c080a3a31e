import { applyRetention, countRetention, parseRetention, RETENTION_CLASSES, retentionCutoffs } from '../../lib/server/services/retention.ts';
import { args, withDatabase } from '../args.ts';

export const help = `retention [--dry-run]
  Erases what is older than each data class's retention period and logs one erasure per class in
  the audit log (metadata only). With --dry-run, counts what would go and changes nothing.
  Periods: RETENTION_FIXES_DAYS (31), RETENTION_VISITS_DAYS (730: visits, activities, taskings,
  duty periods), RETENTION_CRIME_MONTHS (0: crime records kept, the force's policy),
  RETENTION_SESSIONS_DAYS (30 after expiry). RETENTION_AUDIT_YEARS (7) is applied by the
  database owner: the audit log is append-only to the app.`;

export async function run(argv: string[]): Promise<number> {
	const { values } = args(argv, { 'dry-run': { type: 'boolean' } });
	const policy = parseRetention(process.env);
	const dry = values['dry-run'] === true;
	return withDatabase(async ({ db }) => {
		const now = Date.now();
		const cut = retentionCutoffs(policy, now);
		const counts = dry ? await countRetention(db, policy, now) : await applyRetention(db, policy, now);
		const verb = dry ? 'would erase' : 'erased';
		for (const c of RETENTION_CLASSES) {
			const when = cut[c] === null ? 'kept (RETENTION_CRIME_MONTHS=0)' : `before ${new Date(cut[c]!).toISOString()}`;
			console.log(`${c.padEnd(14)} ${when.padEnd(34)} ${cut[c] === null ? '' : `${verb} ${counts[c]}`}`.trimEnd());
		}
		console.log(`${'audit-log'.padEnd(14)} kept by the app; the database owner removes rows older than ${policy.auditYears} years`);
		return 0;
	});
}
