// Which cells take part in Gi*: those inside the convex hull of the cells holding records (as
// Esri's Optimized Hot Spot Analysis clips its fishnet when no bounding polygon is given), or
// inside the force's own area when one is supplied; minus exclusion areas (prisons, hospitals,
// water) where patrols make no sense. Counting empty countryside would make every town
// "significant"; counting only occupied cells would hide real clustering.

export type Ring = [number, number][];

/** Andrew's monotone chain; returns the hull counter-clockwise, not closed. */
export function convexHull(points: [number, number][]): Ring {
	const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	if (pts.length <= 2) return pts;
	const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
	const lower: Ring = [];
	for (const p of pts) {
		while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
		lower.push(p);
	}
	const upper: Ring = [];
	for (let i = pts.length - 1; i >= 0; i--) {
		const p = pts[i];
		while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
		upper.push(p);
	}
	return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** Inside or on the boundary of a convex counter-clockwise ring (with a small tolerance in metres). */
export function inConvex(ring: Ring, x: number, y: number, tolerance = 1e-6): boolean {
	if (ring.length < 3) return ring.some(([px, py]) => Math.hypot(px - x, py - y) <= tolerance + 1e-9) || onSegment(ring, x, y, tolerance);
	for (let i = 0; i < ring.length; i++) {
		const [ax, ay] = ring[i];
		const [bx, by] = ring[(i + 1) % ring.length];
		const len = Math.hypot(bx - ax, by - ay) || 1;
		if (((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / len < -tolerance) return false;
	}
	return true;
}

function onSegment(ring: Ring, x: number, y: number, tolerance: number): boolean {
	if (ring.length < 2) return false;
	const [[ax, ay], [bx, by]] = ring;
	const dx = bx - ax;
	const dy = by - ay;
	const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
	return Math.hypot(ax + t * dx - x, ay + t * dy - y) <= tolerance;
}

/** Even-odd test against polygons given as rings in metres (outer rings and holes alike). */
export function inRings(rings: Ring[], x: number, y: number): boolean {
	let inside = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i];
			const [xj, yj] = ring[j];
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

/**
 * Marks cells whose centre lies inside the rings, row by row: each row's crossings with the ring
 * edges give the inside spans, so the cost is rows × edges + cells rather than cells × edges.
 * For the convex hull, a half-cell tolerance keeps boundary cells in.
 */
export function fillMask(mask: Uint8Array, W: number, H: number, centre: (k: number) => [number, number], rings: Ring[], hull: boolean, cellM: number): void {
	const tol = hull ? cellM * 0.5 : 0;
	for (let r = 0; r < H; r++) {
		const y = centre(r * W)[1];
		const xs: number[] = [];
		for (const ring of rings) {
			if (hull && ring.length < 3) {
				for (const [px, py] of ring) if (Math.abs(py - y) <= tol) xs.push(px - tol, px + tol);
				continue;
			}
			for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
				const [xi, yi] = ring[i];
				const [xj, yj] = ring[j];
				if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
			}
		}
		xs.sort((a, b) => a - b);
		for (let s = 0; s + 1 < xs.length; s += 2) {
			const lo = xs[s] - tol;
			const hi = xs[s + 1] + tol;
			for (let c = 0; c < W; c++) {
				const x = centre(r * W + c)[0];
				if (x >= lo && x <= hi) mask[r * W + c] = 1;
			}
		}
	}
}
