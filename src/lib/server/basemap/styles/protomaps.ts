// For Protomaps basemap files (docs.protomaps.com/basemaps/layers, version 4: `earth`, `roads`
// with `kind`…), e.g. an extract cut with `pmtiles extract`. `earth` is the land, so no coverage
// fill is drawn under it.
import type { FilterSpecification as F, LayerSpecification } from 'maplibre-gl';
import { fill, label, road, type Palette } from './common.ts';

const S = 'tiles';
const kind = (...values: string[]) => ['in', ['get', 'kind'], ['literal', values]] as unknown as F;
const GREEN = kind('park', 'garden', 'cemetery', 'forest', 'wood', 'grass', 'grassland', 'nature_reserve', 'national_park', 'golf_course', 'allotments', 'village_green', 'recreation_ground', 'playground', 'pitch');

export function protomapsLayers(c: Palette): LayerSpecification[] {
	return [
		fill('earth', S, 'earth', c.bg),
		fill('landuse', S, 'landuse', c.landuse, ['!', GREEN] as F),
		fill('landuse-green', S, 'landuse', c.park, GREEN),
		fill('water', S, 'water', c.water, ['==', ['geometry-type'], 'Polygon'] as F),
		{ id: 'water-line', type: 'line', source: S, 'source-layer': 'water', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': c.water, 'line-width': 1.5 } },
		{ ...fill('buildings', S, 'buildings', c.building), paint: { 'fill-color': c.building, 'fill-outline-color': c.casing } } as LayerSpecification,
		road('road-path', S, 'roads', kind('path'), c, 'path'),
		road('road-minor', S, 'roads', kind('minor_road', 'other'), c, 'minor'),
		road('road-major', S, 'roads', kind('major_road'), c, 'major'),
		road('road-motorway', S, 'roads', kind('highway'), c, 'motorway'),
		road('rail', S, 'transit', kind('rail'), c, 'rail'),
		label('road-label', S, 'roads', 'name', c, { line: true, minzoom: 14 }),
		label('place-label', S, 'places', 'name', c, { size: 13 }),
		label('poi-label', S, 'pois', 'name', c, { minzoom: 17, size: 11 })
	];
}
