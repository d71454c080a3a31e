// OpenStreetMap features sorted into OpenMapTiles-like layers, so that a file built here and a
// force's own OpenMapTiles file share one style (layer and class names as in openmaptiles.org's
// schema; only the fields our style reads). Takes raw OSM tags (osmtogeojson, Overpass) or the
// slim bundled extract (kind/class/name from `basemap build --out`), which keeps roads only as
// major/minor/path: its "major" becomes "secondary", the middle of the major classes.

export type OmtLayer = 'water' | 'waterway' | 'landcover' | 'landuse' | 'park' | 'building' | 'transportation' | 'transportation_name' | 'poi';

export interface OmtFeature {
	layer: OmtLayer;
	geometry: { type: string; coordinates: unknown };
	properties: Record<string, string>;
}

type Input = { geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> | null };

/** Zooms after a build's first that each layer waits for: buildings and names crowd a town-wide tile, shop names a street. */
export const LAYER_DELAY: Record<OmtLayer, number> = {
	water: 0,
	waterway: 0,
	landcover: 0,
	landuse: 0,
	park: 0,
	transportation: 0,
	building: 1,
	transportation_name: 1,
	poi: 3
};

export const LAYER_FIELDS: Record<OmtLayer, Record<string, string>> = {
	water: { class: 'String' },
	waterway: { class: 'String', name: 'String' },
	landcover: { class: 'String' },
	landuse: { class: 'String' },
	park: { class: 'String' },
	building: {},
	transportation: { class: 'String' },
	transportation_name: { class: 'String', name: 'String' },
	poi: { class: 'String', name: 'String' }
};

const ROAD: Record<string, string> = {
	motorway: 'motorway', motorway_link: 'motorway', trunk: 'trunk', trunk_link: 'trunk',
	primary: 'primary', primary_link: 'primary', secondary: 'secondary', secondary_link: 'secondary',
	tertiary: 'tertiary', tertiary_link: 'tertiary', residential: 'minor', unclassified: 'minor',
	living_street: 'minor', road: 'minor', service: 'service', track: 'track', busway: 'busway'
};
const SLIM_ROAD: Record<string, string> = { major: 'secondary', minor: 'minor', path: 'path' };
const PARK = new Set(['park', 'garden', 'pitch', 'recreation_ground', 'common', 'nature_reserve']);
const GRASS = new Set(['grass', 'meadow', 'recreation_ground', 'village_green', 'allotments']);
const WOOD = new Set(['forest', 'wood']);

function tagsOf(f: Input): Record<string, string> {
	const p = (f.properties ?? {}) as Record<string, unknown>;
	return ((p.tags as Record<string, string>) ?? p) as Record<string, string>;
}

const withName = (props: Record<string, string>, name: string | undefined) => (name ? { ...props, name } : props);

function line(t: Record<string, string>): { layer: OmtLayer; cls: string } | null {
	if (t.kind === 'road') return { layer: 'transportation', cls: SLIM_ROAD[t.class] ?? 'path' };
	if (t.kind === 'water-line') return { layer: 'waterway', cls: 'river' };
	if (t.kind === 'rail') return { layer: 'transportation', cls: 'rail' };
	if (t.highway) return { layer: 'transportation', cls: ROAD[t.highway] ?? 'path' };
	if (t.railway && ['rail', 'light_rail', 'subway', 'tram', 'narrow_gauge'].includes(t.railway)) return { layer: 'transportation', cls: t.railway === 'rail' ? 'rail' : 'transit' };
	if (t.waterway) return { layer: 'waterway', cls: ['river', 'canal', 'stream', 'ditch', 'drain'].includes(t.waterway) ? t.waterway : 'stream' };
	return null;
}

function area(t: Record<string, string>): { layer: OmtLayer; props: Record<string, string> } | null {
	if (t.kind === 'building' || (t.building && t.building !== 'no')) return { layer: 'building', props: {} };
	if (t.kind === 'water' || t.natural === 'water' || t.waterway === 'riverbank' || t.landuse === 'reservoir' || t.landuse === 'basin') {
		return { layer: 'water', props: { class: t.water === 'river' || t.waterway === 'riverbank' ? 'river' : 'lake' } };
	}
	if (t.kind === 'park') return { layer: 'park', props: { class: 'park' } };
	if (PARK.has(t.leisure)) return { layer: 'park', props: { class: t.leisure } };
	if (WOOD.has(t.landuse) || t.natural === 'wood') return { layer: 'landcover', props: { class: 'wood' } };
	if (GRASS.has(t.landuse) || t.natural === 'grassland') return { layer: 'landcover', props: { class: 'grass' } };
	if (t.kind === 'landuse') return { layer: 'landuse', props: { class: t.class ?? 'other' } };
	if (t.kind === 'plaza' || t.highway === 'pedestrian') return { layer: 'landuse', props: { class: 'pedestrian' } };
	if (t.landuse || t.amenity) return { layer: 'landuse', props: { class: t.landuse ?? t.amenity } };
	return null;
}

/** The features one OSM feature becomes: none, one, or a road and its name. */
export function omtFeatures(f: Input): OmtFeature[] {
	const g = f.geometry;
	if (!g) return [];
	const t = tagsOf(f);
	if (g.type === 'LineString' || g.type === 'MultiLineString') {
		const l = line(t);
		if (!l) return [];
		const out: OmtFeature[] = [{ layer: l.layer, geometry: g, properties: l.layer === 'waterway' ? withName({ class: l.cls }, t.name) : { class: l.cls } }];
		if (l.layer === 'transportation' && t.name) out.push({ layer: 'transportation_name', geometry: g, properties: { class: l.cls, name: t.name } });
		return out;
	}
	if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
		const a = area(t);
		return a ? [{ layer: a.layer, geometry: g, properties: a.props }] : [];
	}
	if (g.type === 'Point' && t.name) {
		const cls = t.kind === 'poi' ? t.class : (t.amenity ?? t.shop ?? t.tourism);
		if (cls) return [{ layer: 'poi', geometry: g, properties: { class: cls, name: t.name } }];
	}
	return [];
}
