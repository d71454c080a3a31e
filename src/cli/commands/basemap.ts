// Builds the base maps: the bundled offline GeoJSON (slim features MapLibre draws straight from a
// GeoJSON source), an MBTiles file of vector tiles that BASEMAP_TILES serves, and the land outline.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildMbtiles, DEFAULT_ZOOMS } from '../../lib/server/basemap/build/build-mbtiles.ts';
import { landSlice } from '../../lib/server/basemap/build/land.ts';
import { osmFiles, readOsmFeatures, type OsmFeature } from '../../lib/server/basemap/build/read-osm.ts';
import { classify } from '../../lib/server/basemap/build/slim-features.ts';
import { args, UsageError } from '../args.ts';

export const help = `basemap build --from <OSM .geojson file or folder> [--out <dir>] [--glyphs <glyph dir>]
              [--mbtiles <file.mbtiles>] [--zooms 12-16] [--name <name>]
  Converts OpenStreetMap GeoJSON (osmtogeojson or Overpass export; every .geojson of a folder)
  --out      into the slim layers the bundled offline map draws (oxford.geojson), and copies the
             glyph ranges its labels need from --glyphs;
  --mbtiles  into vector tiles with OpenMapTiles-like layers (transportation, building, water…),
             zooms 12-16 unless --zooms says, for BASEMAP_TILES to serve.
basemap land --from <Natural Earth land .json> --out <file.geojson>
  Cuts and simplifies the land outline drawn under every map (static/basemap/land.geojson).`;

function zooms(raw: string | undefined): { minzoom: number; maxzoom: number } {
	if (!raw) return DEFAULT_ZOOMS;
	const m = /^(\d{1,2})-(\d{1,2})$/.exec(raw);
	const [minzoom, maxzoom] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
	if (!(minzoom <= maxzoom && maxzoom <= 18)) throw new UsageError(`basemap build: --zooms ${raw}: expected two zooms from 0 to 18, low-high, e.g. 12-16`);
	return { minzoom, maxzoom };
}

function writeSlim(features: OsmFeature[], out: string, glyphs: string | undefined): void {
	const slim = features.flatMap((f) => {
		const props = f.geometry ? classify(f as Parameters<typeof classify>[0]) : null;
		return props ? [{ type: 'Feature', geometry: { type: f.geometry!.type, coordinates: round(f.geometry!.coordinates) }, properties: props }] : [];
	});
	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, 'oxford.geojson'), JSON.stringify({ type: 'FeatureCollection', features: slim }));
	console.log(`basemap: ${slim.length} features → ${join(out, 'oxford.geojson')}`);
	if (!glyphs) return;
	for (const font of ['Noto Sans Regular', 'Noto Sans Medium']) {
		const dir = join(out, 'glyphs', font);
		mkdirSync(dir, { recursive: true });
		// Latin, Latin-1, Latin Extended-A/B and general punctuation: every street name in the extract
		for (const range of ['0-255', '256-511', '512-767', '8192-8447']) copyFileSync(join(glyphs, font, `${range}.pbf`), join(dir, `${range}.pbf`));
	}
	copyFileSync(join(glyphs, 'OFL.txt'), join(out, 'glyphs', 'OFL.txt'));
}

function round(c: unknown): unknown {
	if (typeof c === 'number') return Math.round(c * 1e6) / 1e6;
	return (c as unknown[]).map(round);
}

export function run(argv: string[]): number {
	const { values, positionals } = args(
		argv,
		{ from: { type: 'string' }, out: { type: 'string' }, glyphs: { type: 'string' }, mbtiles: { type: 'string' }, zooms: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
		true
	);
	const [action] = positionals;
	if (values.help || (action !== 'build' && action !== 'land')) {
		console.log(help);
		return values.help ? 0 : 2;
	}
	if (action === 'land') {
		if (!values.from || !values.out) throw new UsageError('basemap land: --from and --out are required');
		const land = landSlice(JSON.parse(readFileSync(values.from, 'utf8')));
		writeFileSync(values.out, JSON.stringify(land));
		console.log(`basemap: land outline → ${values.out}`);
		return 0;
	}
	if (!values.from || (!values.out && !values.mbtiles)) throw new UsageError('basemap build: --from and at least one of --out or --mbtiles are required');
	const z = zooms(values.zooms);
	const features = readOsmFeatures(osmFiles(values.from));
	if (values.out) writeSlim(features, values.out, values.glyphs);
	if (values.mbtiles) {
		const r = buildMbtiles(features, values.mbtiles, { name: values.name ?? basename(values.mbtiles, '.mbtiles'), ...z });
		console.log(`basemap: ${r.features} features in ${r.tiles} tiles (zooms ${z.minzoom}-${z.maxzoom}, ${Math.round(r.bytes / 1024)} KiB) → ${values.mbtiles}`);
	}
	return 0;
}
