// Where a force has no street map (the whole-force demo: Thames Valley beyond central Oxford), the
// simulated officers travel on straight legs between hot spots instead: each hot spot's centre is
// linked to its nearest neighbours and, through a minimum spanning tree, to every other, so no hot
// spot is unreachable; four corners 400 m out around each give officers somewhere to be between
// patrols (other duties, away from any hot spot). Legs are roads a car may use, walked on foot
// near the hot spot. Pure, and small: 5 nodes a hot spot.
import { haversine, type LonLat } from '../geo/geo.ts';
import type { StreetGraph } from './street-graph.ts';

const OUT_M = 400;
const NEIGHBOURS = 3;

export function linkGraph(centres: readonly LonLat[]): StreetGraph {
	const nodes: LonLat[] = [];
	const edges: [number, number, boolean][][] = [];
	const add = (p: LonLat) => {
		edges.push([]);
		return nodes.push(p) - 1;
	};
	const link = (a: number, b: number) => {
		if (a === b || edges[a].some(([n]) => n === b)) return;
		const d = haversine(nodes[a], nodes[b]);
		edges[a].push([b, d, true]);
		edges[b].push([a, d, true]);
	};
	const centre = centres.map((c) => add(c));
	for (const [i, c] of centres.entries()) {
		const dLat = OUT_M / 111_320;
		const dLon = dLat / Math.cos((c[1] * Math.PI) / 180);
		for (const [dx, dy] of [[1, 1], [1, -1], [-1, 1], [-1, -1]]) link(centre[i], add([c[0] + dx * dLon, c[1] + dy * dLat]));
	}
	const n = centres.length;
	// nearest neighbours
	for (let i = 0; i < n; i++) {
		const near = centres.map((c, j) => [j, haversine(centres[i], c)] as const).filter(([j]) => j !== i).sort((a, b) => a[1] - b[1]);
		for (const [j] of near.slice(0, NEIGHBOURS)) link(centre[i], centre[j]);
	}
	// Prim's spanning tree, so that clusters of hot spots in different towns are joined
	const inTree = new Array<boolean>(n).fill(false);
	const best = new Array<number>(n).fill(Infinity);
	const from = new Array<number>(n).fill(-1);
	if (n > 0) best[0] = 0;
	for (let k = 0; k < n; k++) {
		let u = -1;
		for (let i = 0; i < n; i++) if (!inTree[i] && (u < 0 || best[i] < best[u])) u = i;
		inTree[u] = true;
		if (from[u] >= 0) link(centre[u], centre[from[u]]);
		for (let v = 0; v < n; v++) {
			if (inTree[v]) continue;
			const d = haversine(centres[u], centres[v]);
			if (d < best[v]) (best[v] = d), (from[v] = u);
		}
	}
	return { nodes, edges };
}
