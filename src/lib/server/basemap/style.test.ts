import { readFileSync, existsSync } from 'node:fs';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon } from '@turf/helpers';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { COVERAGE_KEY } from '#lib/map/basemap-style.ts';
import type { ArchiveInfo, TileArchive } from './archive.ts';
import { basemapStyleFor } from './style.ts';
import { OXFORD_BOUNDS } from './styles/oxford.ts';

const root = new URL('../../../../', import.meta.url).pathname;

/** A real archive's shape with the layer list of each schema; the styles read nothing else. */
function archive(layers: string[], extra: Partial<ArchiveInfo> = {}): TileArchive {
	return {
		info: { format: 'mbtiles', bounds: [-1.6, 51.3, -0.5, 52.2], minzoom: 6, maxzoom: 14, center: null, layers, name: 'Test', attribution: null, ...extra },
		version: 'v1',
		tile: async () => null,
		close: async () => {}
	};
}

const SCHEMAS: Record<string, string[]> = {
	openmaptiles: ['water', 'waterway', 'landcover', 'landuse', 'park', 'transportation', 'building', 'transportation_name', 'place', 'poi'],
	zoomstack: ['sea', 'urban_areas', 'sites', 'greenspace', 'woodland', 'surfacewater', 'waterlines', 'district_buildings', 'local_buildings', 'buildings', 'roads', 'rail', 'names'],
	protomaps: ['earth', 'landcover', 'landuse', 'water', 'buildings', 'roads', 'transit', 'places', 'pois', 'boundaries']
};
// Zoomstack's tiles have been published with the green space layer as either name
const OPTIONAL = new Set(['greenspaces']);

const styles: [string, StyleSpecification][] = [
	...(['day', 'night'] as const).map((t): [string, StyleSpecification] => [`bundled ${t}`, basemapStyleFor(null, t)]),
	...Object.entries(SCHEMAS).flatMap(([schema, layers]) => (['day', 'night'] as const).map((t): [string, StyleSpecification] => [`${schema} ${t}`, basemapStyleFor(archive(layers), t)]))
];

describe('served styles', () => {
	it.each(styles)('%s is a valid MapLibre style', (_, style) => {
		expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
	});

	it.each(styles)('%s draws the land outline under everything, from this origin only', (_, style) => {
		expect(style.layers.slice(0, 3).map((l) => l.id)).toEqual(['background', 'land', 'land-outline']);
		const urls = JSON.stringify(style).match(/"(?:https?:)?\/\/[^"]*"/g) ?? [];
		// links in attributions are shown, never fetched
		expect(urls.every((u) => /openstreetmap\.org|naturalearthdata\.com/.test(u))).toBe(true);
		expect(style.glyphs).toBe('/basemap/glyphs/{fontstack}/{range}.pbf');
		expect((style.metadata as Record<string, unknown>)[COVERAGE_KEY]).toBeTruthy();
	});

	it.each(Object.entries(SCHEMAS))('the %s style reads only layers its schema has', (schema, layers) => {
		const style = basemapStyleFor(archive(layers), 'day');
		const used = new Set(style.layers.flatMap((l) => ('source-layer' in l && l['source-layer'] ? [l['source-layer']] : [])));
		expect([...used].filter((id) => !layers.includes(id) && !OPTIONAL.has(id))).toEqual([]);
		expect(used.size).toBeGreaterThan(6);
	});

	it('serves the tiles through the app, versioned, within the file bounds and zooms', () => {
		const style = basemapStyleFor(archive(SCHEMAS.openmaptiles), 'night');
		expect(style.sources.tiles).toMatchObject({ type: 'vector', tiles: ['/basemap/tiles/{z}/{x}/{y}.pbf?v=v1'], minzoom: 6, maxzoom: 14, bounds: [-1.6, 51.3, -0.5, 52.2] });
		expect((style.metadata as Record<string, unknown>)[COVERAGE_KEY]).toEqual({ bounds: [-1.6, 51.3, -0.5, 52.2], minzoom: 6, kind: 'tiles' });
	});

	it("shows the file's credit as text, never its markup", () => {
		const style = basemapStyleFor(archive(SCHEMAS.zoomstack, { attribution: '<a href="x" onclick="evil()">&copy; Crown copyright</a><script>x</script>' }), 'day');
		expect((style.sources.tiles as { attribution: string }).attribution).toBe('© Crown copyrightx');
		const plain = basemapStyleFor(archive(SCHEMAS.zoomstack), 'day');
		expect((plain.sources.tiles as { attribution: string }).attribution).toMatch(/Contains OS data/);
	});
});

describe('the bundled map and the land outline', () => {
	it('knows the extent of static/basemap/oxford.geojson', () => {
		const fc = JSON.parse(readFileSync(`${root}static/basemap/oxford.geojson`, 'utf8')) as GeoJSON.FeatureCollection;
		const b = [Infinity, Infinity, -Infinity, -Infinity];
		const walk = (c: unknown): void => {
			if (typeof (c as number[])[0] === 'number') {
				const [x, y] = c as number[];
				[b[0], b[1], b[2], b[3]] = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
			} else (c as unknown[]).forEach(walk);
		};
		for (const f of fc.features) walk((f.geometry as GeoJSON.Point).coordinates);
		expect(b).toEqual(OXFORD_BOUNDS);
	});

	it('ships every GeoJSON file a style loads, the land outline small', () => {
		for (const [, style] of styles) {
			for (const source of Object.values(style.sources)) {
				if (source.type === 'geojson' && typeof source.data === 'string') expect(existsSync(`${root}static${source.data}`), source.data).toBe(true);
			}
		}
		const land = readFileSync(`${root}static/basemap/land.geojson`);
		expect(land.length).toBeLessThan(64 * 1024);
		const fc = JSON.parse(land.toString()) as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon>;
		// the polygon that holds Oxford is Great Britain: Land's End to Lowestoft, the Lizard to Dunnet Head
		const gb = fc.features[0].geometry.coordinates.find((p) => booleanPointInPolygon([-1.2578, 51.7519], polygon(p)))!;
		const xs = gb[0].map((c) => c[0]);
		const ys = gb[0].map((c) => c[1]);
		expect(Math.min(...xs)).toBeLessThan(-5.5);
		expect(Math.max(...xs)).toBeGreaterThan(1.6);
		expect(Math.min(...ys)).toBeLessThan(50.1);
		expect(Math.max(...ys)).toBeGreaterThan(58.5);
	});
});
