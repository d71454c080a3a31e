// The style the maps load from /basemap/style.json: the force's BASEMAP_TILES file drawn in the
// style for its schema, or the bundled Oxford map when there is none. Day and night as before.
import type { StyleSpecification } from 'maplibre-gl';
import type { Theme } from '#lib/map/basemap-style.ts';
import type { TileArchive } from './archive.ts';
import { schemaOf, type Schema } from './schema.ts';
import { credit, frame, OSM_CREDIT, PALETTE, underlay, type Coverage, type Palette } from './styles/common.ts';
import { openMapTilesLayers } from './styles/openmaptiles.ts';
import { oxfordStyle } from './styles/oxford.ts';
import { protomapsLayers } from './styles/protomaps.ts';
import { zoomstackLayers } from './styles/zoomstack.ts';

const SCHEMAS: Record<Schema, { layers: (c: Palette) => ReturnType<typeof openMapTilesLayers>; credit: string; ownLand: boolean }> = {
	openmaptiles: { layers: openMapTilesLayers, credit: OSM_CREDIT, ownLand: false },
	zoomstack: { layers: zoomstackLayers, credit: 'Contains OS data © Crown copyright and database right', ownLand: false },
	protomaps: { layers: protomapsLayers, credit: `Protomaps ${OSM_CREDIT}`, ownLand: true }
};

export function tilesStyle(archive: TileArchive, theme: Theme): StyleSpecification {
	const { info } = archive;
	const schema = SCHEMAS[schemaOf(info.layers)];
	const c = PALETTE[theme];
	const coverage: Coverage = { bounds: info.bounds, minzoom: info.minzoom, kind: 'tiles' };
	const base = underlay(c, coverage, !schema.ownLand);
	return frame(
		`Hotspot Patrol, ${info.name ?? 'force base map'} (${theme})`,
		{
			...base.sources,
			tiles: {
				type: 'vector',
				// the file's version in the URL lets browsers keep tiles for a year (serve-tile.ts)
				tiles: [`/basemap/tiles/{z}/{x}/{y}.pbf?v=${archive.version}`],
				minzoom: info.minzoom,
				maxzoom: info.maxzoom,
				bounds: info.bounds,
				attribution: credit(info.attribution, schema.credit)
			}
		},
		[...base.layers, ...schema.layers(c)],
		coverage
	);
}

export function basemapStyleFor(archive: TileArchive | null, theme: Theme): StyleSpecification {
	return archive ? tilesStyle(archive, theme) : oxfordStyle(theme);
}
