// The dashboard bench's data: a million records resampled from the real Oxford records (each
// given a time in its month, a district and a location), a fifth of them linked to synthetic
// persons, and a published set of the 20 busiest squares. Seeded, so every run measures the same.
import { sql } from 'kysely';
import type { Dialect } from '../../migrations/index.ts';
import { monthLabel, type CrimeColumns } from '../../src/lib/domain/hotspots/columns.ts';
import { seededRandom } from '../../src/lib/domain/random.ts';
import { insertHotspots, insertHotspotSet, publishHotspotSet } from '../../src/lib/server/db/queries/hotspots.ts';
import type { Db } from '../../src/lib/server/db/schema.ts';
import { bumpCrimeVersion } from '../../src/lib/server/services/imports.ts';

export interface Rows {
	lon: Float64Array;
	lat: Float64Array;
	category: string[];
	harm: Float64Array;
	month: string[];
	t: Float64Array;
	lsoa: string[];
	location: string[];
}

export function resample(base: CrimeColumns, n: number): Rows {
	const r = seededRandom(11);
	const out: Rows = { lon: new Float64Array(n), lat: new Float64Array(n), category: [], harm: new Float64Array(n), month: [], t: new Float64Array(n), lsoa: [], location: [] };
	for (let k = 0; k < n; k++) {
		const i = Math.floor(r() * base.n);
		out.lon[k] = base.lon[i] + (r() - 0.5) * 0.0015;
		out.lat[k] = base.lat[i] + (r() - 0.5) * 0.001;
		out.category.push(base.categories[base.cat[i]]);
		out.harm[k] = base.harm[i];
		// a year of months so that period filters have something to choose from
		const m = base.month[i] - 3 + Math.floor(r() * 12);
		out.month.push(monthLabel(m));
		out.t[k] = Date.UTC(Math.floor(m / 12), m % 12, 1) + Math.floor(r() * 28 * 86_400_000);
		out.lsoa.push(`District ${Math.floor((out.lon[k] + 2) * 20)} ${String(Math.floor(out.lat[k] * 200) % 1000).padStart(3, '0')}`);
		out.location.push(base.place[i] >= 0 ? base.places[base.place[i]] : '');
	}
	return out;
}

/** Stores the records, and 40,000 persons linked to a fifth of them, through the app's own schema. */
export async function fill(db: Db, dialect: Dialect, rows: Rows): Promise<void> {
	const N = rows.lon.length;
	const LINKS = Math.round(N / 5);
	const t0 = performance.now();
	if (dialect === 'postgres') {
		for (let i = 0; i < N; i += 50_000) {
			const j = Math.min(N, i + 50_000);
			const slice = <T>(a: ArrayLike<T>) => Array.from({ length: j - i }, (_, k) => a[i + k]);
			await sql`insert into crime_records (source, month, occurred_at, lon, lat, category, location, lsoa_name, harm)
				select 'bench', * from unnest(${slice(rows.month)}::text[], ${slice(rows.t)}::bigint[], ${slice(rows.lon)}::float8[], ${slice(rows.lat)}::float8[],
				${slice(rows.category)}::text[], ${slice(rows.location)}::text[], ${slice(rows.lsoa)}::text[], ${slice(rows.harm)}::float8[])`.execute(db);
		}
	} else {
		await db.transaction().execute(async (tx) => {
			for (let i = 0; i < N; i += 2_000) {
				const values = [];
				for (let k = i; k < Math.min(N, i + 2_000); k++) {
					values.push({ source: 'bench', month: rows.month[k], occurred_at: rows.t[k], lon: rows.lon[k], lat: rows.lat[k], category: rows.category[k], location: rows.location[k], lsoa_name: rows.lsoa[k], harm: rows.harm[k] });
				}
				await tx.insertInto('crime_records').values(values).execute();
			}
		});
	}
	// people: 40,000 persons, links to random records as suspects or victims
	const r = seededRandom(12);
	const persons = Array.from({ length: 40_000 }, (_, i) => ({ source: 'bench', ref: `P${i}`, name: `Synthetic ${i}`, dob: null }));
	for (let i = 0; i < persons.length; i += 5_000) await db.insertInto('persons').values(persons.slice(i, i + 5_000)).execute();
	const minId = Number((await db.selectFrom('crime_records').select((eb) => eb.fn.min('id').as('m')).executeTakeFirstOrThrow()).m);
	const minPerson = Number((await db.selectFrom('persons').select((eb) => eb.fn.min('id').as('m')).executeTakeFirstOrThrow()).m);
	const links = new Map<string, { crime_id: number; person_id: number; role: 'suspect' | 'victim' }>();
	while (links.size < LINKS) {
		// a skewed draw: a few persons are linked often, as in real records
		const person = minPerson + Math.floor(40_000 * r() ** 3);
		const crime = minId + Math.floor(r() * N);
		const role = r() < 0.6 ? ('suspect' as const) : ('victim' as const);
		links.set(`${crime}:${person}:${role}`, { crime_id: crime, person_id: person, role });
	}
	const all = [...links.values()];
	for (let i = 0; i < all.length; i += 5_000) await db.insertInto('crime_persons').values(all.slice(i, i + 5_000)).execute();
	await bumpCrimeVersion(db);
	console.log(`dashboard[${dialect}]: stored ${N.toLocaleString('en-GB')} records and ${all.length.toLocaleString('en-GB')} person links in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** The 20 busiest 150 m squares as a published hot spot set. */
export async function hotspots(db: Db, rows: Rows, now: number): Promise<number[]> {
	const N = rows.lon.length;
	const cell = 0.002;
	const counts = new Map<string, number>();
	for (let k = 0; k < N; k++) {
		const key = `${Math.floor(rows.lon[k] / cell)},${Math.floor(rows.lat[k] / cell)}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
	const setId = await insertHotspotSet(db, { name: 'Bench', params: {}, targetIntervalS: 4 * 3600, createdBy: null }, now);
	await insertHotspots(
		db,
		setId,
		top.map(([key], i) => {
			const [x, y] = key.split(',').map(Number);
			const b: [number, number, number, number] = [x * cell, y * cell, (x + 1) * cell, (y + 1) * cell];
			return {
				key,
				rank: i + 1,
				name: `Square ${i + 1}`,
				polygon: [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]], [b[0], b[1]]]],
				centroid: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] as [number, number],
				bbox: b,
				crimes: 0,
				harm: 0,
				z: 3,
				p: 0.01,
				windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '02:00', tz: 'Europe/London' }],
				why: '',
				briefing: ''
			};
		})
	);
	await publishHotspotSet(db, setId, now);
	return (await db.selectFrom('hotspots').select('id').where('set_id', '=', setId).orderBy('rank').execute()).map((h) => h.id);
}
