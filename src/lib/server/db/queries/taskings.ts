import type { Tasking } from '../../../realtime/contract.ts';
import type { Db, TaskingsTable } from '../schema.ts';

export async function insertTasking(db: Db, t: TaskingsTable) {
	await db.insertInto('taskings').values(t).execute();
}

export async function getTasking(db: Db, id: string): Promise<Tasking | undefined> {
	const r = await taskingQuery(db).where('taskings.id', '=', id).executeTakeFirst();
	return r && toTasking(r);
}

export async function updateTaskingStatus(db: Db, id: string, status: TaskingsTable['status'], at: number) {
	await db.updateTable('taskings').set({ status, responded_at: at }).where('id', '=', id).execute();
}

export async function listOfficerTaskings(db: Db, officerId: number, since: number): Promise<Tasking[]> {
	const rows = await taskingQuery(db)
		.where('taskings.officer_id', '=', officerId)
		.where('taskings.created_at', '>=', since)
		.orderBy('taskings.created_at', 'desc')
		.execute();
	return rows.map(toTasking);
}

export async function listRecentTaskings(db: Db, since: number): Promise<Tasking[]> {
	const rows = await taskingQuery(db).where('taskings.created_at', '>=', since).orderBy('taskings.created_at', 'desc').execute();
	return rows.map(toTasking);
}

function taskingQuery(db: Db) {
	return db
		.selectFrom('taskings')
		.innerJoin('hotspots', 'hotspots.id', 'taskings.hotspot_id')
		.leftJoin('users as officer', 'officer.id', 'taskings.officer_id')
		.leftJoin('users', 'users.id', 'taskings.created_by')
		.select([
			'taskings.id',
			'taskings.officer_id',
			'taskings.hotspot_id',
			'taskings.kind',
			'taskings.status',
			'taskings.note',
			'taskings.created_at',
			'hotspots.name as hotspot_name',
			'officer.callsign as officer_callsign',
			'officer.username as officer_username',
			'users.username as created_by_name'
		]);
}

function toTasking(r: {
	id: string;
	officer_id: number;
	hotspot_id: number;
	kind: 'self' | 'supervisor';
	status: TaskingsTable['status'];
	note: string | null;
	created_at: number;
	hotspot_name: string;
	officer_callsign: string | null;
	officer_username: string | null;
	created_by_name: string | null;
}): Tasking {
	return {
		id: r.id,
		officer: r.officer_id,
		callsign: r.officer_callsign ?? r.officer_username ?? `officer ${r.officer_id}`,
		hotspot: r.hotspot_id,
		hotspotName: r.hotspot_name,
		kind: r.kind,
		status: r.status,
		note: r.note,
		createdAt: r.created_at,
		createdBy: r.created_by_name
	};
}
