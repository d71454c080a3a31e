// The dashboard as each role sees it: the filter read from the URL (every problem named, never
// thrown), the figures, the recent serious incidents, patrol tiles from the presence engine, and
// for analysts the people panel, each view of which is audited as a consultation.
import { DateTime } from 'luxon';
import { aggregate, selector, type DashboardFilter, type DashboardStore, type Area } from '../../domain/dashboard/aggregate.ts';
import { people } from '../../domain/dashboard/people.ts';
import { monthLabel } from '../../domain/hotspots/columns.ts';
import { dosage } from '../../domain/dosage/dosage.ts';
import { listHotspotSets, type Hotspot } from '../db/queries/hotspots.ts';
import { visitsBetween } from '../db/queries/visits.ts';
import type { Role } from '../db/schema.ts';
import type { AppContext } from '../context.ts';
import { audit } from './audit.ts';
import { dashboardCache, indexOfRecord, type Loaded } from './dashboard.ts';
import { invalidatePublishedHotspots, publishedHotspots } from './hotspots.ts';
import { windowOccurrences } from './summary.ts';

export interface DashboardQuery {
	from: string;
	to: string;
	types: string[];
	area: string;
	set: number | null;
	dn: 'all' | 'day' | 'night';
}

export interface Viewer {
	id: number;
	username: string;
	role: Role;
}

/** docs/roles.md: people involved for analysts only; exports for everyone but officers. */
export const canSeePeople = (role: Role) => role === 'analyst';
export const canExport = (role: Role) => role === 'analyst' || role === 'supervisor' || role === 'commander';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const monthOf = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;

function monthRange(s: DashboardStore): [number, number] | null {
	if (s.n === 0) return null;
	let lo = Infinity;
	let hi = -Infinity;
	for (let i = 0; i < s.n; i++) {
		const m = s.month[i];
		if (m < lo) lo = m;
		if (m > hi) hi = m;
	}
	return [lo, hi];
}

/** The filter in the URL, checked: a bad value is named in `problems` and replaced by its default. */
export function readQuery(params: URLSearchParams, s: DashboardStore, sets: { id: number; status: string }[]) {
	const problems: string[] = [];
	const range = monthRange(s) ?? [monthOf('2024-01'), monthOf('2024-01')];
	const month = (key: 'from' | 'to', fallback: number): number => {
		const v = params.get(key);
		if (v === null || v === '') return fallback;
		if (!MONTH.test(v)) {
			problems.push(`${key}: "${v}" is not a month (YYYY-MM)`);
			return fallback;
		}
		return monthOf(v);
	};
	let to = month('to', range[1]);
	let from = month('from', Math.max(range[0], to - 2));
	if (from > to) {
		problems.push(`from: ${monthLabel(from)} is after to: ${monthLabel(to)}; showing ${monthLabel(to)} alone`);
		from = to;
	}
	const types = params.getAll('type').filter((t) => t !== '');
	const unknown = types.filter((t) => !s.categories.includes(t));
	if (unknown.length) problems.push(`type: no records of ${unknown.map((t) => `"${t}"`).join(', ')}`);
	const dnRaw = params.get('dn') ?? 'all';
	const dn = dnRaw === 'day' || dnRaw === 'night' || dnRaw === 'all' ? dnRaw : 'all';
	if (dn !== dnRaw) problems.push(`dn: "${dnRaw}" is not day, night or all`);
	const setRaw = params.get('set');
	let set = sets.find((x) => x.status === 'published')?.id ?? sets[0]?.id ?? null;
	if (setRaw) {
		const wanted = sets.find((x) => String(x.id) === setRaw);
		if (wanted) set = wanted.id;
		else problems.push(`set: no hot spot set ${setRaw}`);
	}
	const areaRaw = params.get('area') ?? 'all';
	let area: Area = { kind: 'all' };
	if (areaRaw === 'hotspots') area = { kind: 'hotspots' };
	else if (/^hotspot:\d+$/.test(areaRaw)) area = { kind: 'hotspot', id: Number(areaRaw.slice(8)) };
	else if (areaRaw.startsWith('lsoa:') && areaRaw.length > 5) area = { kind: 'lsoa', prefix: areaRaw.slice(5) };
	else if (areaRaw.startsWith('bbox:')) {
		const b = areaRaw.slice(5).split(',').map(Number);
		if (b.length === 4 && b.every(Number.isFinite) && b[0] < b[2] && b[1] < b[3]) area = { kind: 'bbox', box: b as [number, number, number, number] };
		else problems.push(`area: "${areaRaw}" is not bbox:west,south,east,north`);
	} else if (areaRaw !== 'all') problems.push(`area: "${areaRaw}" is not all, hotspots, hotspot:<id>, lsoa:<name> or bbox:w,s,e,n`);
	const filter: DashboardFilter = { fromMonth: from, toMonth: to, types: types.length ? types : null, area, dayNight: dn };
	const query: DashboardQuery = { from: monthLabel(from), to: monthLabel(to), types, area: areaText(area), set, dn };
	return { filter, query, problems, range };
}

function areaText(a: Area): string {
	switch (a.kind) {
		case 'all':
		case 'hotspots':
			return a.kind;
		case 'hotspot':
			return `hotspot:${a.id}`;
		case 'lsoa':
			return `lsoa:${a.prefix}`;
		case 'bbox':
			return `bbox:${a.box.join(',')}`;
	}
}

/** The query as URL parameters, in one order (links, exports, tests). */
export function queryString(q: DashboardQuery): string {
	const p = new URLSearchParams();
	p.set('from', q.from);
	p.set('to', q.to);
	for (const t of q.types) p.append('type', t);
	if (q.area !== 'all') p.set('area', q.area);
	if (q.set !== null) p.set('set', String(q.set));
	if (q.dn !== 'all') p.set('dn', q.dn);
	return p.toString();
}

/**
 * The filter as the audit log keeps it: administrators read the log and see no operational
 * detail, so a drawn map box (a position) or a typed area name is kept as its kind only.
 */
export function auditFilter(q: DashboardQuery): string {
	const kind = q.area.match(/^(bbox|lsoa):/)?.[1];
	return queryString(kind ? { ...q, area: kind } : q);
}

/** LSOA names are "<district> <code>": the districts offered as areas. */
function districts(s: DashboardStore): string[] {
	return [...new Set(s.lsoas.map((n) => n.replace(/\s+\S+$/, '')))].sort();
}

export async function filtered(ctx: AppContext, params: URLSearchParams) {
	const cache = dashboardCache(ctx.db, ctx.config.timezone, ctx.now);
	const loaded = await cache.get();
	// drafts are the analyst's work in progress; the dashboard reads published and archived sets
	const sets = (await listHotspotSets(ctx.db)).filter((x) => x.status !== 'draft');
	const q = readQuery(params, loaded.store, sets);
	const member = q.query.set !== null ? await cache.hotspotOf(loaded, q.query.set) : { hotspotOf: null, hotspots: [] as Hotspot[] };
	return { loaded, sets, ...q, ...member };
}

/** The whole page's data for one viewer. */
export async function dashboardView(ctx: AppContext, viewer: Viewer, params: URLSearchParams) {
	const f = await filtered(ctx, params);
	const { store: s } = f.loaded;
	const started = performance.now();
	const figures = aggregate(s, f.filter, f.hotspotOf);
	const byId = new Map(f.hotspots.map((h) => [h.id, h]));
	const incidents = figures.recent.map((id) => incident(f.loaded, id, f.hotspotOf, byId));
	const aggregateMs = performance.now() - started;

	let panel = null;
	if (canSeePeople(viewer.role)) {
		panel = people(s, f.loaded.links, selector(s, f.filter, f.hotspotOf));
		await audit(
			ctx.db,
			{
				actor: { id: viewer.id, name: viewer.username },
				operation: 'consultation',
				subject: 'people-panel',
				detail: {
					filter: auditFilter(f.query),
					persons: [...panel.suspects.map((x) => x.person.id), ...panel.repeatVictims.map((x) => x.person.id)]
				}
			},
			ctx.now()
		);
	}
	return {
		query: f.query,
		queryString: queryString(f.query),
		problems: f.problems,
		options: {
			months: f.range.map(monthLabel) as [string, string],
			categories: [...s.categories].sort(),
			districts: districts(s),
			sets: f.sets.map((x) => ({ id: x.id, name: x.name, status: x.status })),
			hotspots: f.hotspots.map((h) => ({ id: h.id, name: h.name, rank: h.rank }))
		},
		figures: { ...figures, recent: undefined },
		incidents,
		map: {
			hotspots: f.hotspots.map((h) => ({ id: h.id, name: h.name, rank: h.rank, polygon: h.polygon, centroid: h.centroid })),
			cells: figures.cells.map((c) => [c.lon, c.lat, c.count, Math.round(c.harm)] as const),
			bounds: mapBounds(f.hotspots, figures.cells)
		},
		patrol: await patrolTiles(ctx),
		people: panel,
		roles: { people: canSeePeople(viewer.role), export: canExport(viewer.role) },
		timezone: ctx.config.timezone,
		loaded: { records: s.n, version: f.loaded.version, loadMs: Math.round(f.loaded.loadMs), aggregateMs: Math.round(aggregateMs * 10) / 10 }
	};
}

/** Where the map opens: around the set's hot spots, else around the middle 96 % of the heat. */
function mapBounds(hotspots: Hotspot[], cells: { lon: number; lat: number }[]): [number, number, number, number] | null {
	if (hotspots.length) {
		const b = [Infinity, Infinity, -Infinity, -Infinity];
		for (const h of hotspots) {
			b[0] = Math.min(b[0], h.bbox[0]);
			b[1] = Math.min(b[1], h.bbox[1]);
			b[2] = Math.max(b[2], h.bbox[2]);
			b[3] = Math.max(b[3], h.bbox[3]);
		}
		const dx = (b[2] - b[0]) * 0.6;
		const dy = (b[3] - b[1]) * 0.6;
		return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
	}
	if (cells.length === 0) return null;
	const xs = cells.map((c) => c.lon).sort((a, b) => a - b);
	const ys = cells.map((c) => c.lat).sort((a, b) => a - b);
	const at = (a: number[], q: number) => a[Math.min(a.length - 1, Math.floor(q * a.length))];
	return [at(xs, 0.02), at(ys, 0.02), at(xs, 0.98), at(ys, 0.98)];
}

export type DashboardView = Awaited<ReturnType<typeof dashboardView>>;

function incident(loaded: Loaded, id: number, hotspotOf: Int32Array | null, hotspots: Map<number, Hotspot>) {
	const s = loaded.store;
	const i = indexOfRecord(s, id);
	const inside = hotspotOf && hotspotOf[i] >= 0 ? hotspots.get(hotspotOf[i]) : undefined;
	return {
		id,
		category: s.categories[s.cat[i]],
		at: Number.isNaN(s.t[i]) ? null : s.t[i],
		month: monthLabel(s.month[i]),
		location: s.loc[i] >= 0 ? s.locations[s.loc[i]] : null,
		lsoa: s.lsoa[i] >= 0 ? s.lsoas[s.lsoa[i]] : null,
		harm: s.harm[i],
		hotspot: inside ? { id: inside.id, name: inside.name } : null
	};
}

/**
 * This week so far (Monday 00:00 in the force's zone to now) for the published set: doses
 * delivered against target (one per live window), and how many hot spots are at target.
 */
export async function patrolTiles(ctx: AppContext) {
	const now = ctx.now();
	const live = await publishedHotspots(ctx.db, now);
	if (!live) return null;
	const from = DateTime.fromMillis(now, { zone: ctx.config.timezone }).startOf('week').toMillis();
	const range = { from, to: now };
	const visits = await visitsBetween(ctx.db, from, now, { hotspots: live.hotspots.map((h) => h.id) });
	const dv = visits.map((v) => ({ ...v, officer: String(v.officer), hotspot: String(v.hotspot) }));
	let doses = 0;
	let target = 0;
	let atTarget = 0;
	let patrolMinutes = 0;
	for (const h of live.hotspots) {
		const d = dosage(dv, String(h.id), range);
		const due = windowOccurrences(h.windows, from, now);
		doses += Math.min(d.doses, due);
		target += due;
		patrolMinutes += d.patrolMinutes;
		if (d.doses >= due) atTarget++;
	}
	return { weekStart: from, doses, target, atTarget, hotspots: live.hotspots.length, patrolMinutes: Math.round(patrolMinutes), set: live.set.name };
}

/**
 * An analyst's deliberate act: name a person in a hot spot's briefing, with what the records
 * say of them there. Audited as a disclosure to the officers who read that briefing.
 */
export async function addPersonToBriefing(ctx: AppContext, viewer: Viewer, personId: number, hotspotId: number, note: string): Promise<string> {
	if (!canSeePeople(viewer.role)) throw new BriefingError('only analysts name people in briefings');
	const person = await ctx.db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
	if (!person) throw new BriefingError(`no person ${personId}`);
	const hotspot = await ctx.db.selectFrom('hotspots').select(['id', 'name', 'briefing']).where('id', '=', hotspotId).executeTakeFirst();
	if (!hotspot) throw new BriefingError(`no hot spot ${hotspotId}`);
	const roles = await ctx.db
		.selectFrom('crime_persons')
		.select(['role', (eb) => eb.fn.countAll<number>().as('n')])
		.where('person_id', '=', personId)
		.groupBy('role')
		.execute();
	const involvement = roles.map((r) => `${r.role} in ${Number(r.n)} record${Number(r.n) === 1 ? '' : 's'}`).join(', ');
	const day = DateTime.fromMillis(ctx.now(), { zone: ctx.config.timezone }).toISODate();
	const line = `Person of interest (added by analyst ${viewer.username}, ${day}): ${person.name ?? person.ref} (ref ${person.ref}) — ${involvement}.${note.trim() ? ` ${note.trim().slice(0, 300)}` : ''}`;
	const briefing = hotspot.briefing.trim() ? `${hotspot.briefing.trim()}\n${line}` : line;
	await ctx.db.updateTable('hotspots').set({ briefing }).where('id', '=', hotspotId).execute();
	invalidatePublishedHotspots(ctx.db);
	await audit(
		ctx.db,
		{
			actor: { id: viewer.id, name: viewer.username },
			operation: 'disclosure',
			subject: `person:${person.id}`,
			// by reference only: the line itself (name, involvement, note) stays in the briefing
			detail: { hotspot: hotspot.id, noteCharacters: note.trim().slice(0, 300).length },
			recipients: `officers briefed at hot spot ${hotspot.id}`
		},
		ctx.now()
	);
	return line;
}

export class BriefingError extends Error {}
