import type { Insertable, Selectable } from 'kysely';
import type { Db, VisitsTable } from '../schema.ts';

export interface StoredVisit {
	id: string;
	officer: number;
	hotspot: number;
	start: number;
	end: number;
	minutes: number;
	unknownMinutes: number;
	mode: 'foot' | 'vehicle' | 'unknown';
	stops: number;
	dose: boolean;
	open: boolean;
	inside: [number, number][];
	unknown: [number, number][];
	modeMs: Record<string, number>;
}

export function visitId(officer: number | string, hotspot: number | string, start: number): string {
	return `${officer}:${hotspot}:${start}`;
}

export function toRow(v: StoredVisit, now: number): Insertable<VisitsTable> {
	return {
		id: v.id,
		officer_id: v.officer,
		hotspot_id: v.hotspot,
		start_t: v.start,
		end_t: v.end,
		minutes: v.minutes,
		unknown_minutes: v.unknownMinutes,
		mode: v.mode,
		stops: v.stops,
		dose: v.dose ? 1 : 0,
		open: v.open ? 1 : 0,
		updated_at: now,
		inside: JSON.stringify(v.inside),
		unknown: JSON.stringify(v.unknown),
		mode_ms: JSON.stringify(v.modeMs)
	};
}

type Row = Pick<Selectable<VisitsTable>, (typeof columns)[number]>;

export function fromRow(r: Row): StoredVisit {
	return {
		id: r.id,
		officer: r.officer_id,
		hotspot: r.hotspot_id,
		start: r.start_t,
		end: r.end_t,
		minutes: r.minutes,
		unknownMinutes: r.unknown_minutes,
		mode: r.mode,
		stops: r.stops,
		dose: r.dose === 1,
		open: r.open === 1,
		inside: JSON.parse(r.inside),
		unknown: JSON.parse(r.unknown),
		modeMs: JSON.parse(r.mode_ms)
	};
}

export async function upsertVisits(db: Db, visits: StoredVisit[], now: number): Promise<void> {
	for (let i = 0; i < visits.length; i += 200) {
		await db
			.insertInto('visits')
			.values(visits.slice(i, i + 200).map((v) => toRow(v, now)))
			.onConflict((oc) =>
				oc.column('id').doUpdateSet((eb) => ({
					end_t: eb.ref('excluded.end_t'),
					minutes: eb.ref('excluded.minutes'),
					unknown_minutes: eb.ref('excluded.unknown_minutes'),
					mode: eb.ref('excluded.mode'),
					stops: eb.ref('excluded.stops'),
					dose: eb.ref('excluded.dose'),
					open: eb.ref('excluded.open'),
					updated_at: eb.ref('excluded.updated_at'),
					inside: eb.ref('excluded.inside'),
					unknown: eb.ref('excluded.unknown'),
					mode_ms: eb.ref('excluded.mode_ms')
				}))
			)
			.execute();
	}
}

export async function deleteVisits(db: Db, ids: string[]): Promise<void> {
	if (ids.length) await db.deleteFrom('visits').where('id', 'in', ids).execute();
}

const columns = ['id', 'officer_id', 'hotspot_id', 'start_t', 'end_t', 'minutes', 'unknown_minutes', 'mode', 'stops', 'dose', 'open', 'inside', 'unknown', 'mode_ms'] as const;

export async function visitsBetween(db: Db, from: number, to: number, opts: { officer?: number; hotspots?: number[] } = {}): Promise<StoredVisit[]> {
	let q = db.selectFrom('visits').select(columns).where('start_t', '<', to).where('end_t', '>=', from);
	if (opts.officer !== undefined) q = q.where('officer_id', '=', opts.officer);
	if (opts.hotspots) {
		if (opts.hotspots.length === 0) return [];
		q = q.where('hotspot_id', 'in', opts.hotspots);
	}
	return (await q.orderBy('start_t').execute()).map(fromRow);
}

/** The end of the latest dose in each hot spot (for coverage and metering). */
export async function lastDoses(db: Db, hotspots: number[]): Promise<Map<number, number>> {
	if (hotspots.length === 0) return new Map();
	const rows = await db
		.selectFrom('visits')
		.select(['hotspot_id', (eb) => eb.fn.max('end_t').as('t')])
		.where('hotspot_id', 'in', hotspots)
		.where('dose', '=', 1)
		.groupBy('hotspot_id')
		.execute();
	return new Map(rows.map((r) => [r.hotspot_id, Number(r.t)]));
}
