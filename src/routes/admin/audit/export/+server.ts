import { csvResponse, toCsv } from '#lib/server/csv-export.ts';
import { auditRows, readAuditQuery } from '#lib/server/services/admin.ts';
import { auditBy } from '#lib/server/services/audit.ts';

/** The filtered audit log as CSV (up to 100,000 rows), for an inspector or a DPO; itself audited. */
export const GET = async ({ locals, url }) => {
	const { app } = locals;
	const { query } = readAuditQuery(url.searchParams, app.config.timezone);
	const rows = await auditRows(app.db, query, 100_000);
	const name = `audit-log-${new Date(app.now()).toISOString().slice(0, 10)}.csv`;
	await auditBy(app, locals.user, 'disclosure', `export:${name}`, { rows: rows.length, filter: url.searchParams.toString() }, `downloaded by ${locals.user!.username}`);
	return csvResponse(
		name,
		toCsv(
			['id', 'at', 'actor_id', 'actor', 'operation', 'subject', 'detail', 'recipients', 'prev_hash', 'hash'],
			rows.map((r) => [r.id, new Date(Number(r.at)).toISOString(), r.actor_id, r.actor, r.operation, r.subject, r.detail, r.recipients, r.prev_hash, r.hash])
		)
	);
};
