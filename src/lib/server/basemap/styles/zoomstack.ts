// For OS Open Zoomstack (Ordnance Survey, free for Great Britain, OGL): its own layer names
// (`roads` with `type` "Motorway", "A Road"…, `names` with `name1`), as OS's stylesheets use them.
import type { FilterSpecification as F, LayerSpecification } from 'maplibre-gl';
import { fill, label, road, type Palette } from './common.ts';

const S = 'tiles';
const type = (...values: string[]) => ['in', ['get', 'type'], ['literal', values]] as unknown as F;

export function zoomstackLayers(c: Palette): LayerSpecification[] {
	return [
		fill('sea', S, 'sea', c.water),
		fill('urban-areas', S, 'urban_areas', c.landuse),
		fill('sites', S, 'sites', c.landuse),
		fill('greenspace', S, 'greenspace', c.park),
		fill('greenspaces', S, 'greenspaces', c.park),
		fill('woodland', S, 'woodland', c.park),
		fill('surfacewater', S, 'surfacewater', c.water),
		{ id: 'waterlines', type: 'line', source: S, 'source-layer': 'waterlines', paint: { 'line-color': c.water, 'line-width': 1.2 } },
		fill('district-buildings', S, 'district_buildings', c.building),
		fill('local-buildings', S, 'local_buildings', c.building),
		{ ...fill('buildings', S, 'buildings', c.building), paint: { 'fill-color': c.building, 'fill-outline-color': c.casing } } as LayerSpecification,
		road('road-minor', S, 'roads', type('Local', 'Minor', 'Restricted', 'Guided Busway'), c, 'minor'),
		road('road-major', S, 'roads', type('B Road', 'A Road', 'Primary'), c, 'major'),
		road('road-motorway', S, 'roads', type('Motorway'), c, 'motorway'),
		road('rail', S, 'rail', ['!', type('Tunnel')] as F, c, 'rail'),
		label('road-label', S, 'roads', 'name', c, { line: true, minzoom: 13 }),
		label('place-label', S, 'names', 'name1', c, { size: 13, filter: type('Capital', 'City', 'Town', 'Village', 'Hamlet', 'Suburban Area') })
	];
}
