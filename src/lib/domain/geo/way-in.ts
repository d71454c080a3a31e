// The way into a hot spot for the officer's small map: the nearest point of its outline, as the
// crow flies. The phone's maps app gives the street route; this says which edge to make for.
import { localProjection, pointInPolygon, project, unproject, type LonLat, type PolygonCoords } from './geo.ts';

export interface WayIn {
	/** the nearest point on the outline; null when the officer is already inside */
	to: LonLat | null;
	metres: number;
}

export function wayIn(from: LonLat, rings: PolygonCoords): WayIn {
	const [lon, lat] = from;
	if (pointInPolygon(lon, lat, rings)) return { to: null, metres: 0 };
	const proj = localProjection(lat, lon);
	let best = { d: Infinity, x: 0, y: 0 };
	for (const ring of rings) {
		for (let i = 0; i < ring.length - 1; i++) {
			const [ax, ay] = project(proj, ring[i][0], ring[i][1]);
			const [bx, by] = project(proj, ring[i + 1][0], ring[i + 1][1]);
			const dx = bx - ax;
			const dy = by - ay;
			const len2 = dx * dx + dy * dy;
			const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (-ax * dx - ay * dy) / len2));
			const x = ax + t * dx;
			const y = ay + t * dy;
			const d = Math.hypot(x, y);
			if (d < best.d) best = { d, x, y };
		}
	}
	return best.d === Infinity ? { to: null, metres: 0 } : { to: unproject(proj, best.x, best.y), metres: best.d };
}
