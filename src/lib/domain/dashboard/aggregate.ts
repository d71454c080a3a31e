// The dashboard's figures in one pass over the records held as columns: headline counts and harm
// (with the previous period), the trend, the breakdown by type, the day × hour grid, the map's
// heat cells, inside against outside hot spots, and the latest serious incidents. A million
// records take tens of milliseconds, so every filter change is answered from memory.

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
	const prevFrom = f.fromMonth - (f.toMonth - f.fromMonth + 1);
	const select = selector(s, f, hotspotOf);
	const serious = new Uint8Array(s.categories.length);
	s.categories.forEach((c, i) => (serious[i] = SERIOUS.includes(c) ? 1 : 0));

	const current: Totals = { count: 0, harm: 0 };
	const previous: Totals = { count: 0, harm: 0 };
	const byType = new Map<number, Totals>();
	const byMonth = new Map<number, Totals>();
	const byWeek = new Map<number, Totals>();
	const grid = new Int32Array(7 * 24);
	let untimed = 0;
	const cells = new Map<number, { lon: number; lat: number; count: number; harm: number }>();
	const inside: Totals = { count: 0, harm: 0 };
	const outside: Totals = { count: 0, harm: 0 };
	// the latest serious records, kept as a small sorted list
	const latest: { i: number; key: number }[] = [];

	for (let i = 0; i < s.n; i++) {
		const period = select(i);
		if (period === 0) continue;
		const m = s.month[i];
		const harm = s.harm[i];
		if (period === 2) {
			previous.count++;
			previous.harm += harm;
			continue;
		}
		current.count++;
		current.harm += harm;
		let ty = byType.get(s.cat[i]);
		if (!ty) byType.set(s.cat[i], (ty = { count: 0, harm: 0 }));
		ty.count++;
		ty.harm += harm;
		let mo = byMonth.get(m);
		if (!mo) byMonth.set(m, (mo = { count: 0, harm: 0 }));
		mo.count++;
		mo.harm += harm;
		if (s.hour[i] >= 0) {
			grid[(s.dow[i] - 1) * 24 + s.hour[i]]++;
			// Monday-based weeks: 1 January 1970 was a Thursday
			const w = Math.floor((s.t[i] / 86_400_000 + 3) / 7);
			let wk = byWeek.get(w);
			if (!wk) byWeek.set(w, (wk = { count: 0, harm: 0 }));
			wk.count++;
			wk.harm += harm;
		} else untimed++;
		const cx = Math.floor(s.lon[i] / CELL);
		const cy = Math.floor(s.lat[i] / CELL);
		const ck = cx * 1_000_000 + cy;
		let c = cells.get(ck);
		if (!c) cells.set(ck, (c = { lon: (cx + 0.5) * CELL, lat: (cy + 0.5) * CELL, count: 0, harm: 0 }));
		c.count++;
		c.harm += harm;
		if (hotspotOf) {
			const t = hotspotOf[i] >= 0 ? inside : outside;
			t.count++;
			t.harm += harm;
		}
		if (serious[s.cat[i]]) {
			// newest first: exact time when known, else the month's end
			const key = Number.isNaN(s.t[i]) ? m * 40 * 86_400_000 : s.t[i];
			if (latest.length < recent || key > latest[latest.length - 1].key) {
				latest.push({ i, key });
				latest.sort((a, b) => b.key - a.key || s.id[b.i] - s.id[a.i]);
				if (latest.length > recent) latest.pop();
			}
		}
	}
	return {
		current,
		previous: prevFrom >= 0 ? previous : null,
		byType: [...byType.entries()].map(([c, t]) => ({ category: s.categories[c], ...t })).sort((a, b) => b.harm - a.harm || b.count - a.count),
		byMonth: [...byMonth.entries()].sort((a, b) => a[0] - b[0]).map(([m, t]) => ({ month: m, ...t })),
		/** timed records only; the week's Monday as epoch ms (UTC) */
		byWeek: [...byWeek.entries()].sort((a, b) => a[0] - b[0]).map(([w, t]) => ({ week: (w * 7 - 3) * 86_400_000, ...t })),
		grid: Array.from(grid),
		untimed,
		cells: [...cells.values()],
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

// ——— people involved (a force's own records only) ———

export const ROLES = ['suspect', 'offender', 'victim', 'witness'] as const;
export type PersonRole = (typeof ROLES)[number];

export interface Person {
	id: number;
	ref: string;
	name: string | null;
	dob: string | null;
}

/** Person–record links as columns: the record's index in the store, the person's index, the role. */
export interface PeopleLinks {
	n: number;
	rec: Int32Array;
	person: Int32Array;
	/** index into ROLES */
	role: Uint8Array;
	persons: Person[];
}

/** A record's place in time for "latest": its exact time, else the first of its month (UTC). */
function when(s: DashboardStore, i: number): number {
	if (!Number.isNaN(s.t[i])) return s.t[i];
	const m = s.month[i];
	return Date.UTC(Math.floor(m / 12), m % 12, 1);
}

export interface LatestRecord {
	id: number;
	at: number;
	timed: boolean;
	category: string;
}

function latestOf(s: DashboardStore, i: number): LatestRecord {
	return { id: s.id[i], at: when(s, i), timed: !Number.isNaN(s.t[i]), category: s.categories[s.cat[i]] };
}

/**
 * The people panel for the records a filter selects: repeat locations, repeat victims, and the
 * suspects and offenders most often involved with their offending history across every record
 * held (number and harm of offences, the latest). Victims and suspects stay separate lists even
 * when one person is both; witnesses are only counted.
 */
export function people(s: DashboardStore, links: PeopleLinks, select: Selector, top = 10) {
	const chosen = new Uint8Array(s.n);
	for (let i = 0; i < s.n; i++) if (select(i) === 1) chosen[i] = 1;

	// repeat locations: the same location text (or, without one, the same ~10 m point)
	const places = new Map<string, { location: string; lon: number; lat: number; count: number; harm: number; latest: number }>();
	for (let i = 0; i < s.n; i++) {
		if (!chosen[i]) continue;
		const key = s.loc[i] >= 0 ? `L${s.loc[i]}` : `P${s.lon[i].toFixed(4)},${s.lat[i].toFixed(4)}`;
		let p = places.get(key);
		if (!p) places.set(key, (p = { location: s.loc[i] >= 0 ? s.locations[s.loc[i]] : `${s.lat[i].toFixed(4)}, ${s.lon[i].toFixed(4)}`, lon: s.lon[i], lat: s.lat[i], count: 0, harm: 0, latest: i }));
		p.count++;
		p.harm += s.harm[i];
		if (when(s, i) > when(s, p.latest)) p.latest = i;
	}
	const repeatLocations = [...places.values()]
		.filter((p) => p.count >= 2)
		.sort((a, b) => b.count - a.count || b.harm - a.harm || a.location.localeCompare(b.location))
		.slice(0, top)
		.map((p) => ({ ...p, latest: latestOf(s, p.latest) }));

	// per person: the chosen records they are linked to, by role group, each record once
	const victimRecs = new Map<number, Set<number>>();
	const offenderRecs = new Map<number, Set<number>>();
	const history = new Map<number, Set<number>>();
	let witnesses = 0;
	const add = (m: Map<number, Set<number>>, person: number, rec: number) => {
		let set = m.get(person);
		if (!set) m.set(person, (set = new Set()));
		set.add(rec);
	};
	for (let k = 0; k < links.n; k++) {
		const rec = links.rec[k];
		const role = links.role[k];
		const person = links.person[k];
		const accused = role === 0 || role === 1;
		if (accused) add(history, person, rec);
		if (!chosen[rec]) continue;
		if (accused) add(offenderRecs, person, rec);
		else if (role === 2) add(victimRecs, person, rec);
		else witnesses++;
	}
	const rank = (m: Map<number, Set<number>>, min: number) =>
		[...m.entries()]
			.filter(([, recs]) => recs.size >= min)
			.map(([person, recs]) => {
				let harm = 0;
				let latest = -1;
				for (const r of recs) {
					harm += s.harm[r];
					if (latest < 0 || when(s, r) > when(s, latest)) latest = r;
				}
				return { index: person, person: links.persons[person], count: recs.size, harm, latest: latestOf(s, latest) };
			})
			.sort((a, b) => b.count - a.count || b.harm - a.harm || a.person.ref.localeCompare(b.person.ref))
			.slice(0, top);
	const suspects = rank(offenderRecs, 1).map(({ index, ...x }) => {
		const all = history.get(index)!;
		let harm = 0;
		let latest = -1;
		for (const r of all) {
			harm += s.harm[r];
			if (latest < 0 || when(s, r) > when(s, latest)) latest = r;
		}
		return { ...x, history: { count: all.size, harm, latest: latestOf(s, latest) } };
	});
	return { repeatLocations, repeatVictims: rank(victimRecs, 2).map(({ index: _, ...x }) => x), suspects, witnesses };
}

export type PeoplePanel = ReturnType<typeof people>;
