// A street graph from OpenStreetMap lines, for simulated officers to walk and drive along.
import { haversine, type LonLat } from '../geo/geo.ts';

export interface StreetGraph {
	nodes: LonLat[];
	/** adjacency: node → [neighbour, metres, vehicle allowed] */
	edges: [number, number, boolean][][];
}

interface LineFeature {
	geometry: { type: string; coordinates: unknown };
	properties: Record<string, unknown>;
}

/** `avoid` leaves out street corners (e.g. near hot spots, for tests that need them left alone). */
export function buildStreetGraph(features: LineFeature[], opts: { avoid?: (p: LonLat) => boolean } = {}): StreetGraph {
	const index = new Map<string, number>();
	const nodes: LonLat[] = [];
	const edges: [number, number, boolean][][] = [];
	const node = (c: LonLat) => {
		const k = `${c[0].toFixed(6)},${c[1].toFixed(6)}`;
		let i = index.get(k);
		if (i === undefined) {
			i = nodes.length;
			index.set(k, i);
			nodes.push(c);
			edges.push([]);
		}
		return i;
	};
	for (const f of features) {
		if (f.properties.kind !== 'road' || f.geometry.type !== 'LineString') continue;
		const vehicle = f.properties.class !== 'path';
		const coords = f.geometry.coordinates as LonLat[];
		for (let i = 1; i < coords.length; i++) {
			if (opts.avoid && (opts.avoid(coords[i - 1]) || opts.avoid(coords[i]))) continue;
			const a = node(coords[i - 1]);
			const b = node(coords[i]);
			if (a === b) continue;
			const d = haversine(nodes[a], nodes[b]);
			edges[a].push([b, d, vehicle]);
			edges[b].push([a, d, vehicle]);
		}
	}
	return largestComponent({ nodes, edges });
}

/** Keep the largest connected part, so no simulated officer is stranded on an isolated path. */
function largestComponent(g: StreetGraph): StreetGraph {
	const comp = new Int32Array(g.nodes.length).fill(-1);
	let best = -1;
	let bestSize = 0;
	let c = 0;
	for (let s = 0; s < g.nodes.length; s++) {
		if (comp[s] !== -1) continue;
		let size = 0;
		const stack = [s];
		comp[s] = c;
		while (stack.length) {
			const n = stack.pop()!;
			size++;
			for (const [m] of g.edges[n]) if (comp[m] === -1) (comp[m] = c), stack.push(m);
		}
		if (size > bestSize) (bestSize = size), (best = c);
		c++;
	}
	const remap = new Map<number, number>();
	const nodes: LonLat[] = [];
	for (let i = 0; i < g.nodes.length; i++) if (comp[i] === best) remap.set(i, nodes.push(g.nodes[i]) - 1);
	const edges = nodes.map(() => [] as [number, number, boolean][]);
	for (const [old, now] of remap) for (const [m, d, v] of g.edges[old]) edges[now].push([remap.get(m)!, d, v]);
	return { nodes, edges };
}

export function nearestNode(g: StreetGraph, p: LonLat): number {
	let best = 0;
	let bestD = Infinity;
	for (let i = 0; i < g.nodes.length; i++) {
		const d = (g.nodes[i][0] - p[0]) ** 2 + (g.nodes[i][1] - p[1]) ** 2;
		if (d < bestD) (bestD = d), (best = i);
	}
	return best;
}

/**
 * Dijkstra with a binary heap. `cost(from, to, metres)` may weigh an edge up (the simulator makes
 * streets through other hot spots dear, so officers going somewhere do not cut through them).
 * Returns node ids from a to b, or null.
 */
export function shortestPath(
	g: StreetGraph,
	a: number,
	b: number,
	vehicle: boolean,
	cost: (from: number, to: number, metres: number) => number = (_f, _t, m) => m
): number[] | null {
	const dist = new Float64Array(g.nodes.length).fill(Infinity);
	const prev = new Int32Array(g.nodes.length).fill(-1);
	const heap = new MinHeap();
	dist[a] = 0;
	heap.push(0, a);
	while (heap.size > 0) {
		const [d, n] = heap.pop();
		if (d > dist[n]) continue;
		if (n === b) break;
		for (const [m, w, v] of g.edges[n]) {
			if (vehicle && !v) continue;
			const nd = d + cost(n, m, w);
			if (nd < dist[m]) {
				dist[m] = nd;
				prev[m] = n;
				heap.push(nd, m);
			}
		}
	}
	if (dist[b] === Infinity) return null;
	const path = [b];
	while (path[0] !== a) path.unshift(prev[path[0]]);
	return path;
}

class MinHeap {
	private keys: number[] = [];
	private values: number[] = [];
	get size(): number {
		return this.keys.length;
	}
	push(key: number, value: number): void {
		const k = this.keys;
		const v = this.values;
		let i = k.push(key) - 1;
		v.push(value);
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (k[parent] <= key) break;
			k[i] = k[parent];
			v[i] = v[parent];
			i = parent;
		}
		k[i] = key;
		v[i] = value;
	}
	pop(): [number, number] {
		const k = this.keys;
		const v = this.values;
		const top: [number, number] = [k[0], v[0]];
		const lastK = k.pop()!;
		const lastV = v.pop()!;
		if (k.length > 0) {
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				if (l >= k.length) break;
				const c = l + 1 < k.length && k[l + 1] < k[l] ? l + 1 : l;
				if (k[c] >= lastK) break;
				k[i] = k[c];
				v[i] = v[c];
				i = c;
			}
			k[i] = lastK;
			v[i] = lastV;
		}
		return top;
	}
}
