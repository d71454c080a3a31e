// One simulated officer moving along the street graph: walkers go to hot spots and patrol there
// for 10–15 minutes (the dose), drivers cruise. Time and randomness come from outside.
import { haversine, type LonLat } from '../domain/geo/geo.ts';
import { nearestNode, shortestPath, type StreetGraph } from './graph.ts';

export interface AgentState {
	mode: 'foot' | 'vehicle';
	speed: number;
	/** remaining path (node ids), the first being the node we walk toward */
	path: number[];
	at: LonLat;
	node: number;
	/** patrolling a hot spot until this time, wandering near `anchor` */
	lingerUntil: number;
	anchor: number | null;
}

export function createAgent(g: StreetGraph, mode: 'foot' | 'vehicle', random: () => number, near: LonLat[] = []): AgentState {
	// walkers start a few minutes' walk from a hot spot, as officers briefed at the station would
	const node =
		mode === 'foot' && near.length > 0
			? nearbyNode(g, near[Math.floor(random() * near.length)], 150 + random() * 250, random)
			: Math.floor(random() * g.nodes.length);
	return {
		mode,
		speed: mode === 'foot' ? 1.2 + random() * 0.4 : 6 + random() * 5,
		path: [],
		at: [...g.nodes[node]] as LonLat,
		node,
		lingerUntil: 0,
		anchor: null
	};
}

function nearbyNode(g: StreetGraph, p: LonLat, metres: number, random: () => number): number {
	const close: number[] = [];
	for (let i = 0; i < g.nodes.length; i++) if (Math.abs(haversine(g.nodes[i], p) - metres) < 60) close.push(i);
	return close.length > 0 ? close[Math.floor(random() * close.length)] : nearestNode(g, p);
}

function randomNeighbour(g: StreetGraph, n: number, vehicle: boolean, random: () => number, avoid?: number): number {
	const options = g.edges[n].filter(([m, , v]) => (!vehicle || v) && m !== avoid);
	const pool = options.length ? options : g.edges[n];
	return pool[Math.floor(random() * pool.length)][0];
}

/** Advances the agent by dt seconds at time `now` (ms). */
export function step(g: StreetGraph, a: AgentState, dt: number, now: number, targets: LonLat[], random: () => number): void {
	const vehicle = a.mode === 'vehicle';
	if (a.path.length === 0) {
		if (!vehicle && a.anchor !== null && now < a.lingerUntil) {
			// patrol: short loops around the hot spot
			const next = randomNeighbour(g, a.node, false, random);
			a.path = haversine(g.nodes[next], g.nodes[a.anchor]) < 120 ? [next] : (shortestPath(g, a.node, a.anchor, false) ?? [a.anchor]).slice(1);
		} else if (!vehicle && targets.length > 0) {
			const target = nearestNode(g, targets[Math.floor(random() * targets.length)]);
			a.anchor = target;
			a.lingerUntil = Infinity;
			a.path = (shortestPath(g, a.node, target, false) ?? []).slice(1);
		} else {
			a.path = [randomNeighbour(g, a.node, vehicle, random)];
		}
		if (a.path.length === 0) a.path = [randomNeighbour(g, a.node, vehicle, random)];
	}
	let remaining = a.speed * dt * (a.anchor !== null && now < a.lingerUntil ? 0.6 : 1);
	while (remaining > 0 && a.path.length > 0) {
		const next = g.nodes[a.path[0]];
		const d = haversine(a.at, next);
		if (d <= remaining) {
			remaining -= d;
			a.at = [...next] as LonLat;
			a.node = a.path.shift()!;
			if (a.anchor !== null && a.node === a.anchor && a.lingerUntil === Infinity) {
				a.lingerUntil = now + (10 + random() * 5) * 60_000;
			}
			if (a.anchor !== null && now >= a.lingerUntil && a.lingerUntil !== Infinity) a.anchor = null;
		} else {
			const f = remaining / d;
			a.at = [a.at[0] + (next[0] - a.at[0]) * f, a.at[1] + (next[1] - a.at[1]) * f];
			remaining = 0;
		}
	}
}

/** GPS noise: a few metres of jitter, as phones report outdoors. */
export function noisy(p: LonLat, metres: number, random: () => number): LonLat {
	const u = Math.max(1e-9, random());
	const r = metres * Math.sqrt(-2 * Math.log(u));
	const th = 2 * Math.PI * random();
	return [p[0] + (r * Math.cos(th)) / (111_320 * Math.cos((p[1] * Math.PI) / 180)), p[1] + (r * Math.sin(th)) / 110_574];
}
