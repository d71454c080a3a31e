// The dashboard's filter as the URL carries it: read and checked (every problem named, a bad
// value replaced by its default, never thrown), and written back in one order for links, exports
// and the audit log.
import { type Area, type DashboardFilter, type DashboardStore } from '../../domain/dashboard/aggregate.ts';
import { monthLabel } from '../../domain/hotspots/columns.ts';

export interface DashboardQuery {
	from: string;
	to: string;
	types: string[];
	area: string;
	set: number | null;
	dn: 'all' | 'day' | 'night';
}

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
