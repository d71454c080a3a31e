// `cli basemap build --mbtiles`: OpenStreetMap GeoJSON → OpenMapTiles-like vector tiles in one
// MBTiles file that BASEMAP_TILES can serve.
import { buildTiles, featureBounds, vectorLayers, type Bounds } from './build-tiles.ts';
import { writeMbtiles } from './mbtiles-writer.ts';
import { omtFeatures } from './omt-features.ts';
import type { OsmFeature } from './read-osm.ts';

/**
 * 12 to 16 by default: at 12 one tile spans ~6 km at British latitudes, a town; below it a city's
 * buildings and side streets are unreadable, and the land outline and the notice take over. At 16
 * (~380 m a tile, 9 cm a tile unit) buildings and footpaths keep their shape, and MapLibre
 * overzooms a z16 tile for street-level views; each further zoom would quadruple the file.
 */
export const DEFAULT_ZOOMS = { minzoom: 12, maxzoom: 16 };

export interface BuildResult {
	tiles: number;
	bytes: number;
	features: number;
	bounds: Bounds;
}

export function buildMbtiles(osm: readonly OsmFeature[], out: string, opts: { name: string; minzoom: number; maxzoom: number }): BuildResult {
	const features = osm.flatMap((f) => omtFeatures(f));
	const bounds = featureBounds(features);
	if (!bounds) throw new Error('no feature in the input became a map feature (roads, buildings, water, land use)');
	const centre: [number, number, number] = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.min(opts.maxzoom, Math.max(opts.minzoom, 14))];
	const written = writeMbtiles(
		out,
		{
			name: opts.name,
			description: 'Built by Hotspot Patrol (cli basemap build) from OpenStreetMap GeoJSON, OpenMapTiles-like layers',
			attribution: '© OpenStreetMap contributors',
			bounds,
			center: centre,
			minzoom: opts.minzoom,
			maxzoom: opts.maxzoom,
			vectorLayers: vectorLayers(features, opts.minzoom, opts.maxzoom)
		},
		buildTiles(features, opts.minzoom, opts.maxzoom)
	);
	return { ...written, features: features.length, bounds };
}
