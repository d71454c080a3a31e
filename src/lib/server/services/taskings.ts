import { randomUUID } from 'node:crypto';
import type { Tasking, TaskingAck } from '../../realtime/contract.ts';
import { getTasking, insertTasking, updateTaskingStatus } from '../db/queries/taskings.ts';
import type { BusDeps } from './deps.ts';

export async function createTasking(
	ctx: BusDeps,
	t: { officer: number; hotspot: number; kind: 'self' | 'supervisor'; createdBy: number | null; note?: string | null }
): Promise<Tasking> {
	const id = randomUUID();
	await insertTasking(ctx.db, {
		id,
		officer_id: t.officer,
		hotspot_id: t.hotspot,
		created_by: t.createdBy,
		created_at: ctx.now(),
		kind: t.kind,
		// an officer who sends themselves has already accepted
		status: t.kind === 'self' ? 'accepted' : 'offered',
		note: t.note ?? null,
		responded_at: t.kind === 'self' ? ctx.now() : null
	});
	const tasking = (await getTasking(ctx.db, id))!;
	ctx.bus.publish('tasking:created', tasking);
	return tasking;
}

export async function respondToTasking(
	ctx: BusDeps,
	officer: number,
	id: string,
	accept: boolean
): Promise<TaskingAck> {
	const t = await getTasking(ctx.db, id);
	if (!t || t.officer !== officer) return { ok: false, error: `tasking ${id} not found` };
	if (t.status !== 'offered') return { ok: false, error: `tasking ${id} is already ${t.status}` };
	await updateTaskingStatus(ctx.db, id, accept ? 'accepted' : 'declined', ctx.now());
	const updated = (await getTasking(ctx.db, id))!;
	ctx.bus.publish('tasking:updated', updated);
	return { ok: true, tasking: updated };
}
