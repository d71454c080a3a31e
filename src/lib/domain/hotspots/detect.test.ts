// Golden fixtures on real slices: regenerate only on purpose with UPDATE_GOLDEN=1 and read the
// diff. The other tests check properties every result must have.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../import/formats/mapping.ts';
import { loadColumns } from '../../server/import/load-columns.ts';
import { pointInPolygon } from '../geo/geo.ts';
import type { CrimeColumns } from './columns.ts';
import { detectHotspots, type DetectOptions } from './detect.ts';
import { toGeoJSON } from './geojson.ts';
import { STARTER_HARM } from './harm.ts';
import { toColumns } from './columns.ts';

const root = new URL('../../../../', import.meta.url).pathname;
const fixture = (p: string) => `${root}tests/fixtures/${p}`;

async function golden(name: string, columns: CrimeColumns, options: Partial<DetectOptions>) {
	const out = toGeoJSON(detectHotspots(columns, options), options);
	const file = fixture(`golden/${name}.geojson`);
	const text = JSON.stringify(out, null, 1) + '\n';
	if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text);
	expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
	return out;
}

/** Every hot spot's `crimes` is the number of selected input records in the look-back inside its polygon. */
function checkCounts(columns: CrimeColumns, features: { geometry: { coordinates: [number, number][][] }; properties: { crimes: number } }[], keep: (i: number) => boolean) {
	for (const f of features) {
		let inside = 0;
		for (let i = 0; i < columns.n; i++) if (keep(i) && pointInPolygon(columns.lon[i], columns.lat[i], f.geometry.coordinates)) inside++;
		expect(inside).toBe(f.properties.crimes);
	}
}

describe('hot spot detection', () => {
	it('Oxford violence (police.uk, January–April 2024): golden result, counts match the polygons', async () => {
		const { columns } = await loadColumns([`${root}demo/oxford-centre-2024-01-04.csv`], { harm: STARTER_HARM });
		const options = { types: ['Violence and sexual offences'], cellM: 100, top: 10, minCrimes: 3 };
		const out = await golden('oxford-violence', columns, options);
		expect(out.features.length).toBeGreaterThan(0);
		const violence = columns.categories.indexOf('Violence and sexual offences');
		checkCounts(columns, out.features, (i) => columns.cat[i] === violence);
		for (const f of out.features) {
			expect(f.properties.p).toBeLessThan(0.05);
			expect(f.properties.z).toBeGreaterThan(0);
			expect(f.properties.windows).toEqual([
				{ days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', to: '18:00', tz: 'Europe/London' },
				{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '06:00', tz: 'Europe/London' }
			]);
			expect(f.properties.why).toMatch(/violence and sexual offences/);
		}
		// ranked by harm
		const harms = out.features.map((f) => f.properties.harm);
		expect([...harms].sort((a, b) => b - a)).toEqual(harms);
	});

	it('Chicago aggravated assaults, 2019: golden result with peak windows from the times', async () => {
		const mapping = parseMapping(JSON.parse(readFileSync(fixture('mappings/chicago.json'), 'utf8')));
		const { columns } = await loadColumns([fixture('time-of-day/chicago-aggravated-assaults-2019.csv.gz')], { harm: STARTER_HARM, mapping, tz: 'America/Chicago' });
		const out = await golden('chicago-assaults-2019', columns, { tz: 'America/Chicago', top: 15 });
		expect(out.study.timed).toBe(true);
		checkCounts(columns, out.features, () => true);
		for (const f of out.features) {
			expect(f.properties.windows).toHaveLength(1);
			const w = f.properties.windows[0];
			expect(w.tz).toBe('America/Chicago');
			expect(f.properties.why).toMatch(/Peak times \(America\/Chicago time\): /);
		}
	});

	it('uses the whole look-back only: records after --until and before the window are left out', () => {
		const at = (lon: number, lat: number, month: string, n: number) => Array.from({ length: n }, () => ({ lon, lat, category: 'Robbery', t: null, month }));
		const pts = [
			...at(-1.2579, 51.7519, '2024-03', 30),
			...at(-1.2479, 51.7619, '2024-06', 30), // after --until
			...at(-1.2679, 51.7419, '2022-01', 30) // before the 12-month look-back
		];
		for (let i = 0; i < 400; i++) pts.push({ lon: -1.3 + (i % 20) * 0.004, lat: 51.72 + Math.floor(i / 20) * 0.003, category: 'Robbery', t: null, month: '2024-02' });
		const cols = toColumns(pts, () => 365);
		const r = detectHotspots(cols, { until: Date.UTC(2024, 3, 30) });
		expect(r.hotspots).toHaveLength(1);
		expect(r.hotspots[0].crimes).toBe(30);
		expect(r.study.records).toBe(430);
	});

	it('drops records inside exclusion areas and finds nothing in an empty input', () => {
		const pts = Array.from({ length: 40 }, () => ({ lon: -1.2579, lat: 51.7519, category: 'Robbery', t: null, month: '2024-03' }));
		for (let i = 0; i < 400; i++) pts.push({ lon: -1.3 + (i % 20) * 0.004, lat: 51.72 + Math.floor(i / 20) * 0.003, category: 'Robbery', t: null, month: '2024-02' });
		const cols = toColumns(pts, () => 365);
		expect(detectHotspots(cols).hotspots).toHaveLength(1);
		const prison = [[[-1.259, 51.751], [-1.257, 51.751], [-1.257, 51.753], [-1.259, 51.753], [-1.259, 51.751]]] as [number, number][][];
		expect(detectHotspots(cols, { exclusions: [prison] }).hotspots).toHaveLength(0);
		expect(detectHotspots(toColumns([], () => 0)).hotspots).toEqual([]);
	});

	it('gives stable ids for the same input and parameters, and hexagons when asked', async () => {
		const { columns } = await loadColumns([`${root}demo/oxford-centre-2024-01-04.csv`], { harm: STARTER_HARM });
		const a = detectHotspots(columns, { cellM: 100 }).hotspots.map((h) => h.key);
		const b = detectHotspots(columns, { cellM: 100 }).hotspots.map((h) => h.key);
		expect(a).toEqual(b);
		const hex = detectHotspots(columns, { shape: 'hex', cellM: 80 });
		expect(hex.hotspots.length).toBeGreaterThan(0);
		expect(hex.hotspots[0].key).toMatch(/^hx80-/);
		// a hexagon hot spot of one cell has six corners
		const one = hex.hotspots.find((h) => h.polygon[0].length === 7);
		expect(one).toBeDefined();
	});
});
