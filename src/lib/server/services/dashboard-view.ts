// The dashboard as each role sees it: the filter read from the URL (every problem named, never
// thrown), the figures, the recent serious incidents, patrol tiles from the presence engine, and
// for analysts the people panel, each view of which is audited as a consultation.
import { DateTime } from 'luxon';
import { aggregate, selector, type DashboardStore } from '../../domain/dashboard/aggregate.ts';
import { people } from '../../domain/dashboard/people.ts';
import { monthLabel } from '../../domain/hotspots/columns.ts';
import { dosage } from '../../domain/dosage/dosage.ts';
import { listHotspotSets, type Hotspot } from '../db/queries/hotspots.ts';
import { visitsBetween } from '../db/queries/visits.ts';
import type { ZonedDeps } from './deps.ts';
import { audit } from './audit.ts';
import { dashboardCache, indexOfRecord, type Loaded } from './dashboard.ts';
import { auditFilter, queryString, readQuery } from './dashboard-query.ts';
import { canExport, canSeePeople, type Viewer } from './dashboard-roles.ts';
import { publishedHotspots } from './hotspots.ts';
import { windowOccurrences } from './summary.ts';

/** LSOA names are "<district> <code>": the districts offered as areas. */
function districts(s: DashboardStore): string[] {
	return [...new Set(s.lsoas.map((n) => n.replace(/\s+\S+$/, '')))].sort();
}

export async function filtered(ctx: ZonedDeps, params: URLSearchParams) {
	const cache = dashboardCache(ctx.db, ctx.config.timezone, ctx.now);
	const loaded = await cache.get();
	// drafts are the analyst's work in progress; the dashboard reads published and archived sets
	const sets = (await listHotspotSets(ctx.db)).filter((x) => x.status !== 'draft');
	const q = readQuery(params, loaded.store, sets);
	const member = q.query.set !== null ? await cache.hotspotOf(loaded, q.query.set) : { hotspotOf: null, hotspots: [] as Hotspot[] };
	return { loaded, sets, ...q, ...member };
}

/** The whole page's data for one viewer. */
export async function dashboardView(ctx: ZonedDeps, viewer: Viewer, params: URLSearchParams) {
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
export async function patrolTiles(ctx: ZonedDeps) {
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

export { addPersonToBriefing, BriefingError } from './dashboard-briefing.ts';
export { auditFilter, queryString, readQuery, type DashboardQuery } from './dashboard-query.ts';
export { canExport, canSeePeople, type Viewer } from './dashboard-roles.ts';
