// Small, pure geometry on WGS84 lon/lat. Distances in metres.
export type LonLat = [lon: number, lat: number];
/** A GeoJSON polygon's coordinates: outer ring first, holes after; rings closed. */
export type PolygonCoords = LonLat[][];

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export function haversine(a: LonLat, b: LonLat): number {
	const dLat = (b[1] - a[1]) * RAD;
	const dLon = (b[0] - a[0]) * RAD;
	const s =
		Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Initial bearing from a to b, degrees clockwise from north, 0–360. */
export function bearing(a: LonLat, b: LonLat): number {
	const φ1 = a[1] * RAD;
	const φ2 = b[1] * RAD;
	const Δλ = (b[0] - a[0]) * RAD;
	const y = Math.sin(Δλ) * Math.cos(φ2);
	const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
	return ((Math.atan2(y, x) / RAD) + 360) % 360;
}

export function compassPoint(deg: number): string {
	const names = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];
	return names[Math.round(deg / 45) % 8];
}

/**
 * A local equirectangular projection to metres around a reference latitude. Over a police force
 * area (≈100 km) its scale error stays under about 1 %, which is well inside GPS accuracy and the
 * tolerance of a 150 m cell; it is much cheaper than a true projection on the hot path.
 */
export interface LocalProjection {
	lat0: number;
	lon0: number;
	/** metres per degree of longitude at lat0 */
	kx: number;
	/** metres per degree of latitude */
	ky: number;
}

export function localProjection(lat0: number, lon0 = 0): LocalProjection {
	const ky = EARTH_RADIUS_M * RAD;
	return { lat0, lon0, kx: ky * Math.cos(lat0 * RAD), ky };
}

export function project(p: LocalProjection, lon: number, lat: number): [x: number, y: number] {
	return [(lon - p.lon0) * p.kx, (lat - p.lat0) * p.ky];
}

export function unproject(p: LocalProjection, x: number, y: number): LonLat {
	return [x / p.kx + p.lon0, y / p.ky + p.lat0];
}

/** Ray casting over all rings (holes flip parity). Points on an edge may go either way. */
export function pointInPolygon(lon: number, lat: number, rings: PolygonCoords): boolean {
	let inside = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i];
			const [xj, yj] = ring[j];
			if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

/** Distance in metres from a point outside (or inside) to the nearest polygon edge. */
export function distanceToBoundary(lon: number, lat: number, rings: PolygonCoords): number {
	const proj = localProjection(lat, lon);
	let best = Infinity;
	for (const ring of rings) {
		for (let i = 0; i < ring.length - 1; i++) {
			const [ax, ay] = project(proj, ring[i][0], ring[i][1]);
			const [bx, by] = project(proj, ring[i + 1][0], ring[i + 1][1]);
			best = Math.min(best, segmentDistance(0, 0, ax, ay, bx, by));
		}
	}
	return best;
}

export function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
	const dx = bx - ax;
	const dy = by - ay;
	const len2 = dx * dx + dy * dy;
	let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
	t = Math.max(0, Math.min(1, t));
	const x = ax + t * dx - px;
	const y = ay + t * dy - py;
	return Math.sqrt(x * x + y * y);
}

export function ringCentroid(ring: LonLat[]): LonLat {
	let a = 0;
	let cx = 0;
	let cy = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [x0, y0] = ring[i];
		const [x1, y1] = ring[i + 1];
		const f = x0 * y1 - x1 * y0;
		a += f;
		cx += (x0 + x1) * f;
		cy += (y0 + y1) * f;
	}
	if (a === 0) return ring[0];
	return [cx / (3 * a), cy / (3 * a)];
}

export function bbox(rings: PolygonCoords): [minLon: number, minLat: number, maxLon: number, maxLat: number] {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const ring of rings) {
		for (const [x, y] of ring) {
			if (x < minX) minX = x;
			if (y < minY) minY = y;
			if (x > maxX) maxX = x;
			if (y > maxY) maxY = y;
		}
	}
	return [minX, minY, maxX, maxY];
}
