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
		previous: prevFrom >= 0 ? previous : null,
		byType: Array.from(typeCount, (count, c) => ({ category: s.categories[c], count, harm: typeHarm[c] }))
			.filter((t) => t.count > 0)
			.sort((a, b) => b.harm - a.harm || b.count - a.count),
		byMonth: Array.from(monthCount, (count, k) => ({ month: f.fromMonth + k, count, harm: monthHarm[k] })).filter((x) => x.count > 0),
		/** timed records only; the week's Monday as epoch ms (UTC) */
		byWeek: Array.from(weekCount, (count, k) => ({ week: ((w0 + k) * 7 - 3) * 86_400_000, count, harm: weekHarm[k] })).filter((x) => x.count > 0),
		grid: Array.from(grid),
		untimed,
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

/** Links in the order `people` reads them: by person, then by record. */
export function sortLinks(l: PeopleLinks): PeopleLinks {
	const order = Array.from({ length: l.n }, (_, k) => k).sort((a, b) => l.person[a] - l.person[b] || l.rec[a] - l.rec[b] || l.role[a] - l.role[b]);
	return {
		n: l.n,
		rec: Int32Array.from(order, (k) => l.rec[k]),
		person: Int32Array.from(order, (k) => l.person[k]),
		role: Uint8Array.from(order, (k) => l.role[k]),
		persons: l.persons
	};
}

/**
 * The people panel for the records a filter selects: repeat locations, repeat victims, and the
 * suspects and offenders most often involved with their offending history across every record
 * held (number and harm of offences, the latest). Victims and suspects stay separate lists even
 * when one person is both; witnesses are only counted. `links` must be in `sortLinks` order: one
 * pass then serves every person, with no sets or strings per record.
 */
export function people(s: DashboardStore, links: PeopleLinks, select: Selector, top = 10) {
	const chosen = new Uint8Array(s.n);
	for (let i = 0; i < s.n; i++) if (select(i) === 1) chosen[i] = 1;

	// repeat locations: the same location text, or without one the same ~10 m point
	const nl = s.locations.length;
	const locCount = new Int32Array(nl);
	const locHarm = new Float64Array(nl);
	const locLatest = new Int32Array(nl).fill(-1);
	type Point = { x: number; y: number; count: number; harm: number; latest: number };
	const points = new Map<number, Point>();
	const clashes = new Map<string, Point>();
	for (let i = 0; i < s.n; i++) {
		if (!chosen[i]) continue;
		const l = s.loc[i];
		if (l >= 0) {
			locCount[l]++;
			locHarm[l] += s.harm[i];
			if (locLatest[l] < 0 || when(s, i) > when(s, locLatest[l])) locLatest[l] = i;
		} else {
			// small-integer keys keep the map fast; the exact point is checked, so two points that
			// share a key (3.3° apart) are still told apart
			const x = Math.round(s.lon[i] * 1e4);
			const y = Math.round(s.lat[i] * 1e4);
			const key = ((x & 0x7fff) << 15) | (y & 0x7fff);
			let p = points.get(key);
			if (p && (p.x !== x || p.y !== y)) {
				const exact = `${x},${y}`;
				p = clashes.get(exact);
				if (!p) clashes.set(exact, (p = { x, y, count: 0, harm: 0, latest: i }));
			} else if (!p) points.set(key, (p = { x, y, count: 0, harm: 0, latest: i }));
			p.count++;
			p.harm += s.harm[i];
			if (when(s, i) > when(s, p.latest)) p.latest = i;
		}
	}
	// named only once chosen: building a name for each of thousands of places costs more than the rest
	const placeRows: { text: boolean; i: number; count: number; harm: number }[] = [];
	for (let l = 0; l < nl; l++) if (locCount[l] >= 2) placeRows.push({ text: true, i: locLatest[l], count: locCount[l], harm: locHarm[l] });
	for (const m of [points, clashes]) for (const p of m.values()) if (p.count >= 2) placeRows.push({ text: false, i: p.latest, count: p.count, harm: p.harm });
	const repeatLocations = placeRows
		.sort((a, b) => b.count - a.count || b.harm - a.harm || a.i - b.i)
		.slice(0, top)
		.map((p) => ({
			location: p.text ? s.locations[s.loc[p.i]] : `${s.lat[p.i].toFixed(4)}, ${s.lon[p.i].toFixed(4)}`,
			lon: s.lon[p.i],
			lat: s.lat[p.i],
			count: p.count,
			harm: p.harm,
			latest: latestOf(s, p.i)
		}));

	// one pass over the links, person by person
	type Row = { person: number; count: number; harm: number; latest: number; hCount: number; hHarm: number; hLatest: number };
	const accused: Row[] = [];
	const victims: Row[] = [];
	let witnesses = 0;
	const later = (a: number, b: number) => (b < 0 || when(s, a) > when(s, b) ? a : b);
	for (let k = 0; k < links.n; ) {
		const person = links.person[k];
		// here: the chosen records; h: every record held (the offending history); v: as a victim
		let [aCount, aHarm, aLatest] = [0, 0, -1];
		let [hCount, hHarm, hLatest] = [0, 0, -1];
		let [vCount, vHarm, vLatest] = [0, 0, -1];
		let lastAcc = -1;
		let lastVic = -1;
		for (; k < links.n && links.person[k] === person; k++) {
			const rec = links.rec[k];
			const role = links.role[k];
			if (role <= 1) {
				if (rec === lastAcc) continue; // suspect and offender in one record: once
				lastAcc = rec;
				hCount++;
				hHarm += s.harm[rec];
				hLatest = later(rec, hLatest);
				if (chosen[rec]) {
					aCount++;
					aHarm += s.harm[rec];
					aLatest = later(rec, aLatest);
				}
			} else if (role === 2) {
				if (rec === lastVic || !chosen[rec]) continue;
				lastVic = rec;
				vCount++;
				vHarm += s.harm[rec];
				vLatest = later(rec, vLatest);
			} else if (chosen[rec]) witnesses++;
		}
		if (aCount > 0) accused.push({ person, count: aCount, harm: aHarm, latest: aLatest, hCount, hHarm, hLatest });
		if (vCount >= 2) victims.push({ person, count: vCount, harm: vHarm, latest: vLatest, hCount: 0, hHarm: 0, hLatest: -1 });
	}
	// ties go to the person recorded first, so the list is stable from view to view
	const order = (a: Row, b: Row) => b.count - a.count || b.harm - a.harm || a.person - b.person;
	const suspects = accused
		.sort(order)
		.slice(0, top)
		.map((r) => ({
			person: links.persons[r.person],
			count: r.count,
			harm: r.harm,
			latest: latestOf(s, r.latest),
			history: { count: r.hCount, harm: r.hHarm, latest: latestOf(s, r.hLatest) }
		}));
	const repeatVictims = victims
		.sort(order)
		.slice(0, top)
		.map((r) => ({ person: links.persons[r.person], count: r.count, harm: r.harm, latest: latestOf(s, r.latest) }));
	return { repeatLocations, repeatVictims, suspects, witnesses };
}

export type PeoplePanel = ReturnType<typeof people>;
