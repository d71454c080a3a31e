// The dashboard's figures in one pass over the records held as columns: headline counts and harm
// (with the previous period), the trend, the breakdown by type, the day × hour grid, the map's
// heat cells, inside against outside hot spots, and the latest serious incidents. The previous
// period is compared only when it is fully on record (compare.ts). A million
// records take tens of milliseconds, so every filter change is answered from memory.
import { monthsHeld, previousPeriod } from './compare.ts';

export interface DashboardStore {
	n: number;
	id: Int32Array;
	lon: Float64Array;
	lat: Float64Array;
	cat: Uint16Array;
	harm: Float64Array;
	/** epoch ms, NaN when only the month is known */
	t: Float64Array;
	/** months since year 0 */
	month: Int32Array;
	/** ISO weekday 1–7 and hour 0–23 in the force's zone; 0 and -1 when untimed */
	dow: Int8Array;
	hour: Int8Array;
	/** index into `lsoas`, -1 unknown */
	lsoa: Int32Array;
	/** index into `locations` (the record's location text), -1 none */
	loc: Int32Array;
	categories: string[];
	lsoas: string[];
	locations: string[];
}

export type Area =
	| { kind: 'all' }
	| { kind: 'hotspots' }
	| { kind: 'hotspot'; id: number }
	| { kind: 'lsoa'; prefix: string }
	| { kind: 'bbox'; box: [number, number, number, number] };

export interface DashboardFilter {
	fromMonth: number;
	toMonth: number;
	/** null: every category */
	types: string[] | null;
	area: Area;
	/** day 06:00–18:00 or night, by the record's local hour; untimed records drop out of either */
	dayNight: 'all' | 'day' | 'night';
}

export interface Totals {
	count: number;
	harm: number;
}

/** The serious violence the incident list shows (police.uk categories). */
export const SERIOUS = ['Violence and sexual offences', 'Robbery', 'Possession of weapons'];

const CELL = 0.001; // ≈ 110 m × 70 m at UK latitudes: enough for a heat layer

/** 1: the record is in the filter's period, 2: in the period before (same length), 0: neither. */
export type Selector = (i: number) => 0 | 1 | 2;

/**
 * The filter as one test per record. `hotspotOf` says which hot spot of the chosen set holds each
 * record (-1 none); without it the hot spot areas select nothing.
 */
export function selector(s: DashboardStore, f: DashboardFilter, hotspotOf: Int32Array | null): Selector {
	const span = f.toMonth - f.fromMonth + 1;
	const prevFrom = f.fromMonth - span;
	const wanted = new Uint8Array(s.categories.length);
	s.categories.forEach((c, i) => (wanted[i] = !f.types || f.types.includes(c) ? 1 : 0));
	const area = f.area;
	const lsoaOk = area.kind === 'lsoa' ? Uint8Array.from(s.lsoas, (name) => (name.startsWith(area.prefix) ? 1 : 0)) : null;
	const box = area.kind === 'bbox' ? area.box : null;
	const hotspotId = area.kind === 'hotspot' ? area.id : null;
	const needsHotspot = area.kind === 'hotspots' || area.kind === 'hotspot';
	const { cat, month, hour, lsoa, lon, lat } = s;
	return (i) => {
		if (!wanted[cat[i]]) return 0;
		const m = month[i];
		const period = m >= f.fromMonth && m <= f.toMonth ? 1 : m >= prevFrom && m < f.fromMonth ? 2 : 0;
		if (period === 0) return 0;
		if (f.dayNight !== 'all') {
			const h = hour[i];
			if (h < 0 || (f.dayNight === 'day') !== (h >= 6 && h < 18)) return 0;
		}
		if (needsHotspot) {
			const hs = hotspotOf ? hotspotOf[i] : -1;
			if (hs < 0 || (hotspotId !== null && hs !== hotspotId)) return 0;
		}
		if (lsoaOk && (lsoa[i] < 0 || !lsoaOk[lsoa[i]])) return 0;
		if (box && (lon[i] < box[0] || lon[i] > box[2] || lat[i] < box[1] || lat[i] > box[3])) return 0;
		return period;
	};
}

export function aggregate(s: DashboardStore, f: DashboardFilter, hotspotOf: Int32Array | null, recent = 20) {
	const held = monthsHeld(s.month, s.n);
	const comparison = previousPeriod(f.fromMonth, f.toMonth, held.held, held.earliest);
	// day or night is applied here rather than in the selector, so the records it leaves out for
	// having no time can be counted and said (police.uk gives only the month)
	const select = selector(s, { ...f, dayNight: 'all' }, hotspotOf);
	// the period's records with and without a time of day, whatever day or night asks
	const timeOfDay = { timed: 0, untimed: 0 };
	const serious = new Uint8Array(s.categories.length);
	s.categories.forEach((c, i) => (serious[i] = SERIOUS.includes(c) ? 1 : 0));

	const current: Totals = { count: 0, harm: 0 };
	const previous: Totals = { count: 0, harm: 0 };
	// typed arrays rather than maps: at a million records the lookups are most of the cost
	const nc = s.categories.length;
	const typeCount = new Int32Array(nc);
	const typeHarm = new Float64Array(nc);
	const span = f.toMonth - f.fromMonth + 1;
	const monthCount = new Int32Array(span);
	const monthHarm = new Float64Array(span);
	const monthStart = (m: number) => Date.UTC(Math.floor(m / 12), m % 12, 1);
	// Monday-based weeks: 1 January 1970 was a Thursday
	const weekOf = (t: number) => Math.floor((t / 86_400_000 + 3) / 7);
	const w0 = weekOf(monthStart(f.fromMonth)) - 2;
	const nw = weekOf(monthStart(f.toMonth + 1)) + 2 - w0 + 1;
	const weekCount = new Int32Array(nw);
	const weekHarm = new Float64Array(nw);
	const grid = new Int32Array(7 * 24);
	let untimed = 0;
	type Cell = { cx: number; cy: number; lon: number; lat: number; count: number; harm: number };
	const cells = new Map<number, Cell>();
	const clashes = new Map<string, Cell>();
	const inside: Totals = { count: 0, harm: 0 };
	const outside: Totals = { count: 0, harm: 0 };
	// the latest serious records, kept as a small sorted list
	const latest: { i: number; key: number }[] = [];

	for (let i = 0; i < s.n; i++) {
		const period = select(i);
		if (period === 0) continue;
		const h = s.hour[i];
		if (period === 1) {
			if (h < 0) timeOfDay.untimed++;
			else timeOfDay.timed++;
		}
		if (f.dayNight !== 'all' && (h < 0 || (f.dayNight === 'day') !== (h >= 6 && h < 18))) continue;
		const m = s.month[i];
		const harm = s.harm[i];
		if (period === 2) {
			previous.count++;
			previous.harm += harm;
			continue;
		}
		current.count++;
		current.harm += harm;
		typeCount[s.cat[i]]++;
		typeHarm[s.cat[i]] += harm;
		monthCount[m - f.fromMonth]++;
		monthHarm[m - f.fromMonth] += harm;
		if (s.hour[i] >= 0) {
			grid[(s.dow[i] - 1) * 24 + s.hour[i]]++;
			// a time far from its month (bad data) is clamped to the ends of the range
			const w = Math.min(nw - 1, Math.max(0, weekOf(s.t[i]) - w0));
			weekCount[w]++;
			weekHarm[w] += harm;
		} else untimed++;
		const cx = Math.floor(s.lon[i] / CELL);
		const cy = Math.floor(s.lat[i] / CELL);
		// a small-integer key keeps the map fast; cells 32.8° apart share one, and are told apart
		const ck = ((cx & 0x7fff) << 15) | (cy & 0x7fff);
		let c = cells.get(ck);
		if (c && (c.cx !== cx || c.cy !== cy)) {
			const exact = `${cx},${cy}`;
			c = clashes.get(exact);
			if (!c) clashes.set(exact, (c = { cx, cy, lon: (cx + 0.5) * CELL, lat: (cy + 0.5) * CELL, count: 0, harm: 0 }));
		} else if (!c) cells.set(ck, (c = { cx, cy, lon: (cx + 0.5) * CELL, lat: (cy + 0.5) * CELL, count: 0, harm: 0 }));
		c.count++;
		c.harm += harm;
		if (hotspotOf) {
			const t = hotspotOf[i] >= 0 ? inside : outside;
			t.count++;
			t.harm += harm;
		}
		if (serious[s.cat[i]]) {
			// newest first: exact time when known, else the month's last moment
			const key = Number.isNaN(s.t[i]) ? monthStart(m + 1) - 1 : s.t[i];
			if (latest.length < recent || key > latest[latest.length - 1].key) {
				latest.push({ i, key });
				latest.sort((a, b) => b.key - a.key || s.id[b.i] - s.id[a.i]);
				if (latest.length > recent) latest.pop();
			}
		}
	}
	return {
		current,
		previous: comparison.ok ? previous : null,
		comparison,
		byType: Array.from(typeCount, (count, c) => ({ category: s.categories[c], count, harm: typeHarm[c] }))
			.filter((t) => t.count > 0)
			.sort((a, b) => b.harm - a.harm || b.count - a.count),
		byMonth: Array.from(monthCount, (count, k) => ({ month: f.fromMonth + k, count, harm: monthHarm[k] })).filter((x) => x.count > 0),
		/** timed records only; the week's Monday as epoch ms (UTC) */
		byWeek: Array.from(weekCount, (count, k) => ({ week: ((w0 + k) * 7 - 3) * 86_400_000, count, harm: weekHarm[k] })).filter((x) => x.count > 0),
		grid: Array.from(grid),
		untimed,
		/** the period's records with and without a time, before day or night is applied: what that filter leaves out */
		timeOfDay,
		cells: [...cells.values(), ...clashes.values()].map(({ lon, lat, count, harm }) => ({ lon, lat, count, harm })),
		hotspots: hotspotOf ? { inside, outside } : null,
		recent: latest.map((x) => s.id[x.i])
	};
}

export type DashboardFigures = ReturnType<typeof aggregate>;

/** The current-period records inside a box (the map's points when zoomed in), at most `limit`. */
export function pointsIn(s: DashboardStore, select: Selector, box: [number, number, number, number], limit: number) {
	const found: number[] = [];
	let total = 0;
	for (let i = 0; i < s.n; i++) {
		if (s.lon[i] < box[0] || s.lon[i] > box[2] || s.lat[i] < box[1] || s.lat[i] > box[3]) continue;
		if (select(i) !== 1) continue;
		total++;
		if (found.length < limit) found.push(i);
	}
	return { indexes: found, total };
}
