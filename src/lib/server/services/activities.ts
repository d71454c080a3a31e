import { ACTIVITY_RULES, parseActivity } from '../../domain/activity-report.ts';
import type { ReportAck, ReportResult } from '../../realtime/contract.ts';
import { activityOwners, insertActivities, knownHotspots } from '../db/queries/activities.ts';
import type { ActivitiesTable } from '../db/schema.ts';
import type { DbDeps } from './deps.ts';

/**
 * Activities are acked per id after commit, exactly like fixes, so the phone's outbox can drain.
 * Each is checked on its own (domain/activity-report.ts) and its hot spot must belong to a set
 * that was published — the current one, or an earlier one a phone offline since then still shows.
 */
export async function recordActivities(ctx: DbDeps, officerId: number, payload: unknown): Promise<ReportAck> {
	if (payload === null || typeof payload !== 'object') return { ok: false, error: 'payload must be an activity or an array of activities' };
	const list: unknown[] = Array.isArray(payload) ? payload : [payload];
	if (list.length > ACTIVITY_RULES.maxPerReport) return { ok: false, error: `at most ${ACTIVITY_RULES.maxPerReport} activities per report, got ${list.length}` };
	const result: ReportResult = { accepted: [], duplicates: [], rejected: [] };
	const now = ctx.now();
	const checked = list.map((raw) => parseActivity(raw, now));
	const spots = await knownHotspots(ctx.db, checked.flatMap((c) => (c.ok && c.activity.hotspot !== null ? [c.activity.hotspot] : [])));
	const rows: ActivitiesTable[] = [];
	for (const c of checked) {
		if (!c.ok) result.rejected.push({ id: c.id, error: c.error });
		else if (c.activity.hotspot !== null && !spots.has(c.activity.hotspot)) result.rejected.push({ id: c.activity.id, error: `hotspot: ${c.activity.hotspot} is not a hot spot of any published set` });
		else rows.push({ id: c.activity.id, officer_id: officerId, hotspot_id: c.activity.hotspot, t: c.activity.t, kind: c.activity.kind, note: c.activity.note, received_at: now });
	}
	const inserted = await insertActivities(ctx.db, rows);
	const owners = await activityOwners(ctx.db, rows.filter((r) => !inserted.has(r.id)).map((r) => r.id));
	for (const r of rows) {
		if (inserted.has(r.id)) result.accepted.push(r.id);
		else if (owners.get(r.id) === officerId) result.duplicates.push(r.id);
		else result.rejected.push({ id: r.id, error: 'id: already used by another device' });
	}
	return { ok: true, ...result };
}
