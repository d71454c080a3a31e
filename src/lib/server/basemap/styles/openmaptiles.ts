// For OpenMapTiles-schema files (openmaptiles.org/schema: `transportation`, `building`, `water`…),
// which is also what `cli basemap build --mbtiles` writes from OpenStreetMap.
import type { FilterSpecification as F, LayerSpecification } from 'maplibre-gl';
import { fill, label, road, type Palette } from './common.ts';

const S = 'tiles';
const cls = (...values: string[]) => ['in', ['get', 'class'], ['literal', values]] as unknown as F;
const GREEN_LANDUSE = cls('cemetery', 'grave_yard', 'churchyard', 'orchard', 'allotments');

export function openMapTilesLayers(c: Palette): LayerSpecification[] {
	return [
		fill('landuse', S, 'landuse', c.landuse, ['!', GREEN_LANDUSE] as F),
		fill('landuse-green', S, 'landuse', c.park, GREEN_LANDUSE),
		fill('landcover', S, 'landcover', c.park, cls('wood', 'grass', 'farmland', 'wetland')),
		fill('park', S, 'park', c.park),
		fill('water', S, 'water', c.water),
		{ id: 'waterway', type: 'line', source: S, 'source-layer': 'waterway', paint: { 'line-color': c.water, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 18, 4] } },
		{ ...fill('building', S, 'building', c.building, undefined, 13), paint: { 'fill-color': c.building, 'fill-outline-color': c.casing } } as LayerSpecification,
		road('road-path', S, 'transportation', cls('path', 'track'), c, 'path'),
		road('road-minor', S, 'transportation', cls('minor', 'service', 'busway'), c, 'minor'),
		road('road-major', S, 'transportation', cls('primary', 'secondary', 'tertiary', 'trunk'), c, 'major'),
		road('road-motorway', S, 'transportation', cls('motorway'), c, 'motorway'),
		road('rail', S, 'transportation', cls('rail', 'transit'), c, 'rail'),
		label('road-label', S, 'transportation_name', 'name', c, { line: true, minzoom: 14 }),
		label('place-label', S, 'place', 'name', c, { maxzoom: 15, size: 13, filter: cls('city', 'town', 'village', 'suburb', 'neighbourhood') }),
		label('poi-label', S, 'poi', 'name', c, { minzoom: 17, size: 11 })
	];
}
