// Catchment buffers for displacement: a crime outside every hot spot but within 100 m of one counts
// toward that place's buffer. If patrol pushes crime round the corner, buffer crime rises on
// treated days (displacement); if the deterrence spills over, it falls (diffusion of benefits).
// 100 m is about a street block either side, the scale of the catchment areas in Weisburd et al.
// (2006, Criminology 44:549–592) and of the buffers in hot spot trials reviewed by Bowers, Johnson,
// Guerette, Summers & Poynton (2011, J. Experimental Criminology 7:347–374).
//
// Each crime counts once: inside a hot spot it is that place's (never a neighbour's buffer); in
// the buffers of several it goes to the nearest, so overlapping catchments do not double-count.
import { bbox, distanceToBoundary, EARTH_RADIUS_M, pointInPolygon, type PolygonCoords } from '../geo/geo.ts';

export const BUFFER_METRES = 100;

export interface PlacePolygon {
	id: string;
	polygon: PolygonCoords;
}

export interface Located {
	hotspot: string;
	zone: 'place' | 'buffer';
	/** the crime was within the buffer of more than one hot spot and went to the nearest */
	shared: boolean;
}

/** Outside the polygon and within `metres` of its boundary. */
export function inBuffer(lon: number, lat: number, polygon: PolygonCoords, metres = BUFFER_METRES): boolean {
	return !pointInPolygon(lon, lat, polygon) && distanceToBoundary(lon, lat, polygon) <= metres;
}

const DEG = (Math.PI / 180) * EARTH_RADIUS_M;

/**
 * A locator for many crimes against one hot spot set: bounding boxes grown by the buffer rule
 * most places out cheaply before the exact tests. Places are tried in id order, so ties are stable.
 */
export function placeLocator(places: readonly PlacePolygon[], metres = BUFFER_METRES): (lon: number, lat: number) => Located | null {
	if (!(metres >= 0)) throw new Error(`buffer: expected metres ≥ 0, got ${metres}`);
	const sorted = [...places].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const boxes = sorted.map((p) => {
		const [minLon, minLat, maxLon, maxLat] = bbox(p.polygon);
		const dLat = metres / DEG;
		// the widest longitude span the buffer can take, at the box's latitude farthest from the equator
		const cos = Math.cos((Math.max(Math.abs(minLat), Math.abs(maxLat)) * Math.PI) / 180);
		const dLon = metres / (DEG * Math.max(cos, 1e-6));
		return [minLon - dLon, minLat - dLat, maxLon + dLon, maxLat + dLat];
	});
	return (lon, lat) => {
		let best: PlacePolygon | null = null;
		let bestDistance = Infinity;
		let within = 0;
		for (let i = 0; i < sorted.length; i++) {
			const b = boxes[i];
			if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3]) continue;
			const p = sorted[i];
			if (pointInPolygon(lon, lat, p.polygon)) return { hotspot: p.id, zone: 'place', shared: false };
			const d = distanceToBoundary(lon, lat, p.polygon);
			if (d > metres) continue;
			// a buffer hit does not end the search: a later polygon may contain the point
			within++;
			if (d < bestDistance) {
				best = p;
				bestDistance = d;
			}
		}
		return best ? { hotspot: best.id, zone: 'buffer', shared: within > 1 } : null;
	};
}
