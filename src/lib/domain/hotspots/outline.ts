// The outline of a group of grid cells: every cell edge that is not shared by two cells of the
// group, chained into rings. Works for squares and hexagons alike (corners are compared after
// rounding to a millimetre).

type Pt = [number, number];

const key = (p: Pt) => `${Math.round(p[0] * 1000)},${Math.round(p[1] * 1000)}`;

export function outline(cells: Pt[][]): Pt[][] {
	const edges = new Map<string, { a: Pt; b: Pt; count: number }>();
	for (const corners of cells) {
		for (let i = 0; i < corners.length; i++) {
			const a = corners[i];
			const b = corners[(i + 1) % corners.length];
			const ka = key(a);
			const kb = key(b);
			const k = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
			const e = edges.get(k);
			if (e) e.count++;
			else edges.set(k, { a, b, count: 1 });
		}
	}
	// directed boundary edges keep each cell's counter-clockwise order, so rings come out CCW
	const next = new Map<string, Pt[]>();
	for (const e of edges.values()) {
		if (e.count !== 1) continue;
		const k = key(e.a);
		const list = next.get(k) ?? [];
		list.push(e.b);
		next.set(k, list);
	}
	const rings: Pt[][] = [];
	const starts = new Map<string, Pt>();
	for (const e of edges.values()) if (e.count === 1) starts.set(key(e.a), e.a);
	for (const [startKey, start] of starts) {
		if (!next.get(startKey)?.length) continue;
		const ring: Pt[] = [start];
		let cur = start;
		for (let guard = 0; guard < 100_000; guard++) {
			const options = next.get(key(cur));
			if (!options || options.length === 0) break;
			const to = options.pop()!;
			if (key(to) === startKey) break;
			ring.push(to);
			cur = to;
		}
		rings.push(dropCollinear(ring));
	}
	// the outer ring has the largest area; holes (possible only with many cells) follow
	return rings.sort((a, b) => Math.abs(area(b)) - Math.abs(area(a)));
}

function area(ring: Pt[]): number {
	let s = 0;
	for (let i = 0; i < ring.length; i++) {
		const [x0, y0] = ring[i];
		const [x1, y1] = ring[(i + 1) % ring.length];
		s += x0 * y1 - x1 * y0;
	}
	return s / 2;
}

function dropCollinear(ring: Pt[]): Pt[] {
	const out: Pt[] = [];
	for (let i = 0; i < ring.length; i++) {
		const p = ring[(i - 1 + ring.length) % ring.length];
		const c = ring[i];
		const n = ring[(i + 1) % ring.length];
		const cross = (c[0] - p[0]) * (n[1] - c[1]) - (c[1] - p[1]) * (n[0] - c[0]);
		if (Math.abs(cross) > 1e-6) out.push(c);
	}
	return out;
}
