// Builds the bundled offline base map from OpenStreetMap GeoJSON extracts: slim features (kind,
// class, name; 6-decimal coordinates) that MapLibre draws straight from a GeoJSON source.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const help = `basemap build --from <dir with OSM .geojson files> [--glyphs <glyph dir>] --out <dir>
  Converts OpenStreetMap GeoJSON (osmtogeojson or Overpass export) into the slim layers the
  control room draws offline, and copies the glyph ranges its labels need.`;

type Feature = { type: 'Feature'; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> };

const MAJOR = new Set(['primary', 'secondary', 'tertiary', 'trunk', 'primary_link', 'secondary_link', 'tertiary_link']);
const MINOR = new Set(['residential', 'unclassified', 'service', 'living_street', 'road', 'pedestrian']);
const PARK = new Set(['park', 'garden', 'pitch', 'recreation_ground', 'common']);
const GREEN = new Set(['grass', 'meadow', 'recreation_ground', 'allotments', 'cemetery', 'forest', 'village_green']);

function tags(f: Feature): Record<string, string> {
	const p = f.properties ?? {};
	return ((p.tags as Record<string, string>) ?? p) as Record<string, string>;
}

function round(c: unknown): unknown {
	if (typeof c === 'number') return Math.round(c * 1e6) / 1e6;
	return (c as unknown[]).map(round);
}

export function classify(f: Feature): Record<string, string> | null {
	const t = tags(f);
	const g = f.geometry?.type;
	const name = t.name;
	if (g === 'LineString' || g === 'MultiLineString') {
		if (t.highway) {
			const cls = MAJOR.has(t.highway) ? 'major' : MINOR.has(t.highway) ? 'minor' : 'path';
			return { kind: 'road', class: cls, ...(name ? { name } : {}) };
		}
		if (t.waterway) return { kind: 'water-line', ...(name ? { name } : {}) };
		if (t.railway) return { kind: 'rail' };
		return null;
	}
	if (g === 'Polygon' || g === 'MultiPolygon') {
		if (t.building) return { kind: 'building', ...(name ? { name } : {}) };
		if (t.natural === 'water' || t.waterway || t.landuse === 'reservoir') return { kind: 'water', ...(name ? { name } : {}) };
		if (PARK.has(t.leisure) || GREEN.has(t.landuse)) return { kind: 'park', ...(name ? { name } : {}) };
		if (t.landuse || t.amenity) return { kind: 'landuse', class: t.landuse ?? t.amenity };
		if (t.highway === 'pedestrian') return { kind: 'plaza' };
		return null;
	}
	if (g === 'Point' && name && (t.amenity || t.shop || t.tourism)) {
		return { kind: 'poi', class: t.amenity ?? t.shop ?? t.tourism, name };
	}
	return null;
}

export function run(argv: string[]): number {
	const { values, positionals } = parseArgs({
		args: argv,
		options: { from: { type: 'string' }, out: { type: 'string' }, glyphs: { type: 'string' }, help: { type: 'boolean' } },
		allowPositionals: true
	});
	if (values.help || positionals[0] !== 'build') {
		console.log(help);
		return values.help ? 0 : 2;
	}
	if (!values.from || !values.out) {
		console.error('basemap build: --from and --out are required');
		return 2;
	}
	const files = ['oxford-centre-2015.geojson', 'oxford_centre_roads_2017.geojson'].map((f) => join(values.from!, f));
	const out: Feature[] = [];
	const seen = new Set<string>();
	for (const file of files) {
		if (!existsSync(file)) {
			console.error(`basemap build: ${file} is missing`);
			return 1;
		}
		const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: Feature[] };
		for (const f of fc.features) {
			const id = String(f.properties?.id ?? f.properties?.['@id'] ?? '');
			if (id && seen.has(id)) continue;
			if (id) seen.add(id);
			const props = classify(f);
			if (!props) continue;
			out.push({ type: 'Feature', geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) }, properties: props });
		}
	}
	mkdirSync(values.out, { recursive: true });
	writeFileSync(join(values.out, 'oxford.geojson'), JSON.stringify({ type: 'FeatureCollection', features: out }));
	console.log(`basemap: ${out.length} features → ${join(values.out, 'oxford.geojson')}`);
	if (values.glyphs) {
		for (const font of ['Noto Sans Regular', 'Noto Sans Medium']) {
			const dir = join(values.out, 'glyphs', font);
			mkdirSync(dir, { recursive: true });
			// Latin, Latin-1, Latin Extended-A/B and general punctuation: every street name in the extract
			for (const range of ['0-255', '256-511', '512-767', '8192-8447']) {
				copyFileSync(join(values.glyphs, font, `${range}.pbf`), join(dir, `${range}.pbf`));
			}
		}
		copyFileSync(join(values.glyphs, 'OFL.txt'), join(values.out, 'glyphs', 'OFL.txt'));
	}
	return 0;
}
