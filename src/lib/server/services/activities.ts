import type { Ack, ActivityReport, ReportResult } from '../../realtime/contract.ts';
import { activityOwners, insertActivities } from '../db/queries/activities.ts';
import type { ActivitiesTable } from '../db/schema.ts';
import type { AppContext } from '../context.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;
const KIND = /^[a-z0-9-]{2,40}$/;

/** Activities are acked per id after commit, exactly like fixes, so the phone's outbox can drain. */
export async function recordActivities(ctx: AppContext, officerId: number, payload: unknown): Promise<Ack<ReportResult>> {
	if (payload === null || typeof payload !== 'object') return { ok: false, error: 'payload must be an activity or an array of activities' };
	const list = (Array.isArray(payload) ? payload : [payload]) as Partial<ActivityReport>[];
	if (list.length > 200) return { ok: false, error: `at most 200 activities per report, got ${list.length}` };
	const result: ReportResult = { accepted: [], duplicates: [], rejected: [] };
	const rows: ActivitiesTable[] = [];
	const now = ctx.now();
	for (const a of list) {
		const id = typeof a?.id === 'string' ? a.id : null;
		if (!id || !ID.test(id)) result.rejected.push({ id, error: 'id: must be a uuid from the device' });
		else if (typeof a.t !== 'number' || !Number.isInteger(a.t) || a.t < 946_684_800_000) result.rejected.push({ id, error: 't: epoch milliseconds' });
		else if (typeof a.kind !== 'string' || !KIND.test(a.kind)) result.rejected.push({ id, error: 'kind: a checklist item id such as "visible-presence"' });
		else if (a.note != null && (typeof a.note !== 'string' || a.note.length > 2000)) result.rejected.push({ id, error: 'note: text of at most 2000 characters' });
		else if (a.hotspot != null && !Number.isInteger(a.hotspot)) result.rejected.push({ id, error: 'hotspot: a hot spot id' });
		else rows.push({ id, officer_id: officerId, hotspot_id: a.hotspot ?? null, t: a.t, kind: a.kind, note: a.note ?? null, received_at: now });
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
