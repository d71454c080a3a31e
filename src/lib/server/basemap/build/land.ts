// The land outline under every style: Natural Earth's land polygons (public domain) cut to Great
// Britain, Ireland and north-west Europe and simplified, so that it stays small enough to ship
// (static/basemap/land.geojson) and to draw at once. Turf clips and simplifies.
import bboxClip from '@turf/bbox-clip';
import simplify from '@turf/simplify';

/** west, south, east, north: Ireland's west coast to Denmark, Brittany to Shetland */
export const LAND_SLICE: [number, number, number, number] = [-11.5, 47.5, 12.5, 61.5];
/** degrees (~500 m): below the source's own detail (1:50m, a few km), so it only drops redundant points */
export const LAND_TOLERANCE = 0.005;

type Ring = [number, number][];
type Polygons = Ring[][];

const round = (ring: Ring): Ring => ring.map(([x, y]) => [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]);

/** A polygon's ring area in square degrees: slivers the clip leaves on the edge are dropped. */
function area(ring: Ring): number {
	let a = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	return Math.abs(a / 2);
}

export function landSlice(world: GeoJSON.FeatureCollection, bbox = LAND_SLICE, tolerance = LAND_TOLERANCE): GeoJSON.FeatureCollection {
	const polygons: Polygons = [];
	for (const f of world.features) {
		const g = f.geometry;
		const parts: Polygons = g.type === 'Polygon' ? [g.coordinates as Ring[]] : g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [];
		for (const p of parts) {
			const clipped = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: p } }, bbox).geometry;
			const pieces: Polygons = clipped.type === 'Polygon' ? [clipped.coordinates as Ring[]] : (clipped.coordinates as Ring[][]);
			for (const piece of pieces) {
				if (piece.length === 0 || piece[0].length < 4 || area(piece[0] as Ring) < tolerance * tolerance) continue;
				const simple = simplify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: piece } }, { tolerance, highQuality: false });
				const rings = (simple.geometry.coordinates as Ring[]).map(round).filter((r) => r.length >= 4);
				if (rings.length > 0) polygons.push(rings);
			}
		}
	}
	return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { source: 'Natural Earth land (public domain)' }, geometry: { type: 'MultiPolygon', coordinates: polygons } }] };
}
