// The dashboard's records held in memory as columns, so that any filter change is one pass over
// typed arrays (tens of milliseconds at a million records) on SQLite and PostgreSQL alike. Each
// node keeps its own copy and reloads it when the database's crime version moves (an import or a
// new harm table bumps it), checking at most every two seconds.
import { DateTime } from 'luxon';
import { monthIndex } from '../../domain/hotspots/columns.ts';
import type { DashboardStore } from '../../domain/dashboard/aggregate.ts';
import { ROLES, sortLinks, type PeopleLinks, type PersonRole } from '../../domain/dashboard/people.ts';
import { HotspotIndex } from '../../domain/presence/hotspot-index.ts';
import { crimeVersion, dashboardPage } from '../db/queries/crimes.ts';
import { listHotspots, type Hotspot } from '../db/queries/hotspots.ts';
import { listCrimeLinks, listPersons } from '../db/queries/persons.ts';
import type { Db } from '../db/schema.ts';

const PAGE = 50_000;
const CHECK_MS = 2_000;

export interface Loaded {
	version: number;
	store: DashboardStore;
	links: PeopleLinks;
	loadedAt: number;
	loadMs: number;
}

class Grow<T extends Int32Array | Float64Array | Uint16Array | Int8Array | Uint8Array> {
	a: T;
	private readonly make: (n: number) => T;
	constructor(a: T, make: (n: number) => T) {
		this.a = a;
		this.make = make;
	}
	ensure(n: number): void {
		if (n <= this.a.length) return;
		const b = this.make(Math.max(n, this.a.length * 2));
		b.set(this.a);
		this.a = b;
	}
	done(n: number): T {
		return this.a.subarray(0, n) as T;
	}
}

/** Local weekday and hour for many instants: the zone's offset is looked up once per UTC hour. */
function localClock(tz: string) {
	const offsets = new Map<number, number>();
	return (t: number): { dow: number; hour: number } => {
		const h = Math.floor(t / 3_600_000);
		let off = offsets.get(h);
		if (off === undefined) offsets.set(h, (off = DateTime.fromMillis(h * 3_600_000, { zone: tz }).offset * 60_000));
		const local = t + off;
		const day = Math.floor(local / 86_400_000);
		// 1 January 1970 was a Thursday (ISO weekday 4)
		return { dow: ((((day + 3) % 7) + 7) % 7) + 1, hour: Math.floor((local - day * 86_400_000) / 3_600_000) };
	};
}

export async function loadDashboard(db: Db, tz: string, now: number): Promise<Loaded> {
	const started = performance.now();
	const version = await crimeVersion(db);
	const id = new Grow(new Int32Array(PAGE), (n) => new Int32Array(n));
	const lon = new Grow(new Float64Array(PAGE), (n) => new Float64Array(n));
	const lat = new Grow(new Float64Array(PAGE), (n) => new Float64Array(n));
	const cat = new Grow(new Uint16Array(PAGE), (n) => new Uint16Array(n));
	const harm = new Grow(new Float64Array(PAGE), (n) => new Float64Array(n));
	const t = new Grow(new Float64Array(PAGE), (n) => new Float64Array(n));
	const month = new Grow(new Int32Array(PAGE), (n) => new Int32Array(n));
	const dow = new Grow(new Int8Array(PAGE), (n) => new Int8Array(n));
	const hour = new Grow(new Int8Array(PAGE), (n) => new Int8Array(n));
	const lsoa = new Grow(new Int32Array(PAGE), (n) => new Int32Array(n));
	const loc = new Grow(new Int32Array(PAGE), (n) => new Int32Array(n));
	const dict = () => {
		const list: string[] = [];
		const index = new Map<string, number>();
		return {
			list,
			of(v: string | null): number {
				if (v === null || v === '') return -1;
				let i = index.get(v);
				if (i === undefined) {
					index.set(v, (i = list.length));
					list.push(v);
				}
				return i;
			}
		};
	};
	const categories = dict();
	const lsoas = dict();
	const locations = dict();
	const clock = localClock(tz);
	let n = 0;
	let after = 0;
	for (;;) {
		const rows = await dashboardPage(db, after, PAGE);
		if (rows.length === 0) break;
		for (const a of [id, lon, lat, cat, harm, t, month, dow, hour, lsoa, loc]) a.ensure(n + rows.length);
		for (const r of rows) {
			id.a[n] = r.id;
			lon.a[n] = r.lon;
			lat.a[n] = r.lat;
			cat.a[n] = categories.of(r.category);
			harm.a[n] = r.harm;
			month.a[n] = monthIndex(r.month);
			lsoa.a[n] = lsoas.of(r.lsoa_name);
			loc.a[n] = locations.of(r.location);
			if (r.occurred_at === null) {
				t.a[n] = NaN;
				dow.a[n] = 0;
				hour.a[n] = -1;
			} else {
				const at = Number(r.occurred_at);
				t.a[n] = at;
				const c = clock(at);
				dow.a[n] = c.dow;
				hour.a[n] = c.hour;
			}
			n++;
		}
		after = rows[rows.length - 1].id;
		if (rows.length < PAGE) break;
	}
	const store: DashboardStore = {
		n,
		id: id.done(n),
		lon: lon.done(n),
		lat: lat.done(n),
		cat: cat.done(n),
		harm: harm.done(n),
		t: t.done(n),
		month: month.done(n),
		dow: dow.done(n),
		hour: hour.done(n),
		lsoa: lsoa.done(n),
		loc: loc.done(n),
		categories: categories.list,
		lsoas: lsoas.list,
		locations: locations.list
	};
	const links = await loadLinks(db, store);
	return { version, store, links, loadedAt: now, loadMs: performance.now() - started };
}

/** The store's index of a record id (ids are loaded in ascending order), -1 when absent. */
export function indexOfRecord(s: DashboardStore, recordId: number): number {
	let lo = 0;
	let hi = s.n - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const v = s.id[mid];
		if (v === recordId) return mid;
		if (v < recordId) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

async function loadLinks(db: Db, store: DashboardStore): Promise<PeopleLinks> {
	const persons = await listPersons(db);
	const personIndex = new Map(persons.map((p, i) => [p.id, i]));
	const rec: number[] = [];
	const person: number[] = [];
	const role: number[] = [];
	// a link is 3 small values: all of them at once, even at a million, is a few tens of MB
	const rows = await listCrimeLinks(db);
	for (const r of rows) {
		const i = indexOfRecord(store, r.crime_id);
		const p = personIndex.get(r.person_id);
		const ro = ROLES.indexOf(r.role as PersonRole);
		if (i < 0 || p === undefined || ro < 0) continue;
		rec.push(i);
		person.push(p);
		role.push(ro);
	}
	return sortLinks({ n: rec.length, rec: Int32Array.from(rec), person: Int32Array.from(person), role: Uint8Array.from(role), persons });
}

export { crimeVersion } from '../db/queries/crimes.ts';

/**
 * One node's dashboard cache: the loaded records, and per hot spot set which hot spot holds each
 * record. A reload is shared by every request that arrives while it runs.
 */
export class DashboardCache {
	private loaded: Loaded | null = null;
	private loading: Promise<Loaded> | null = null;
	private checkedAt = -Infinity;
	private readonly membership = new Map<number, Promise<Int32Array>>();

	private readonly db: Db;
	private readonly tz: string;
	private readonly now: () => number;

	constructor(db: Db, tz: string, now: () => number) {
		this.db = db;
		this.tz = tz;
		this.now = now;
	}

	async get(): Promise<Loaded> {
		const t = this.now();
		if (this.loaded && t - this.checkedAt < CHECK_MS) return this.loaded;
		if (this.loading) return this.loading;
		if (this.loaded) {
			this.checkedAt = t;
			if ((await crimeVersion(this.db)) === this.loaded.version) return this.loaded;
		}
		this.loading = loadDashboard(this.db, this.tz, t).then(
			(l) => {
				this.loaded = l;
				this.loading = null;
				this.checkedAt = this.now();
				this.membership.clear();
				return l;
			},
			(e) => {
				this.loading = null;
				throw e;
			}
		);
		return this.loading;
	}

	/** For each loaded record, the id of the set's hot spot that holds it, or -1. */
	async hotspotOf(loaded: Loaded, setId: number): Promise<{ hotspotOf: Int32Array; hotspots: Hotspot[] }> {
		const hotspots = await listHotspots(this.db, setId);
		let m = loaded === this.loaded ? this.membership.get(setId) : undefined;
		if (!m) {
			m = Promise.resolve(membership(loaded.store, hotspots));
			if (loaded === this.loaded) this.membership.set(setId, m);
		}
		return { hotspotOf: await m, hotspots };
	}
}

export function membership(s: DashboardStore, hotspots: Hotspot[]): Int32Array {
	const out = new Int32Array(s.n).fill(-1);
	if (hotspots.length === 0) return out;
	const index = new HotspotIndex(
		hotspots.map((h) => ({ id: String(h.id), polygon: h.polygon })),
		0
	);
	let [w, so, e, no] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const h of hotspots) {
		w = Math.min(w, h.bbox[0]);
		so = Math.min(so, h.bbox[1]);
		e = Math.max(e, h.bbox[2]);
		no = Math.max(no, h.bbox[3]);
	}
	for (let i = 0; i < s.n; i++) {
		const x = s.lon[i];
		const y = s.lat[i];
		if (x < w || x > e || y < so || y > no) continue;
		const found = index.inside(x, y, 0);
		if (found.length) out[i] = hotspots[found[0]].id;
	}
	return out;
}

const caches = new WeakMap<Db, DashboardCache>();

export function dashboardCache(db: Db, tz: string, now: () => number): DashboardCache {
	let c = caches.get(db);
	if (!c) caches.set(db, (c = new DashboardCache(db, tz, now)));
	return c;
}
