// The slim features of the bundled offline map (static/basemap/oxford.geojson): kind, class and
// name only, which MapLibre draws straight from a GeoJSON source and the simulator walks.
type Feature = { type: 'Feature'; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> };

const MAJOR = new Set(['primary', 'secondary', 'tertiary', 'trunk', 'primary_link', 'secondary_link', 'tertiary_link']);
const MINOR = new Set(['residential', 'unclassified', 'service', 'living_street', 'road', 'pedestrian']);
const PARK = new Set(['park', 'garden', 'pitch', 'recreation_ground', 'common']);
const GREEN = new Set(['grass', 'meadow', 'recreation_ground', 'allotments', 'cemetery', 'forest', 'village_green']);

function tags(f: Feature): Record<string, string> {
	const p = f.properties ?? {};
	return ((p.tags as Record<string, string>) ?? p) as Record<string, string>;
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

