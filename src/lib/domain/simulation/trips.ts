// Where a simulated officer goes and how: a trip along the streets (on foot, or driven with the
// last stretch on foot), the patrol's length, and the little human variations — stopping on the
// way, being called away early, staying on.
import { haversine, type LonLat } from '../geo/geo.ts';
import { nearestNode, shortestPath } from './street-graph.ts';
import { tripCost, type SimWorld } from './world.ts';

export interface Leg {
	to: LonLat;
	/** metres per second */
	speed: number;
}

export interface Trip {
	legs: Leg[];
	/** a stop on the way (coffee, a word with someone): after this many legs, for this long */
	stopAfter: number;
	stopMs: number;
}

function legsAlong(world: SimWorld, path: number[] | null, speed: number): Leg[] {
	return (path ?? []).map((n) => ({ to: world.graph.nodes[n], speed }));
}

/**
 * A trip from `at` to street corner `to`, avoiding other hot spots (those in `allowed` excepted).
 * Drivers drive as far as the roads go and walk the rest.
 */
export function planTrip(world: SimWorld, at: LonLat, to: number, opts: { walk: number; drive: number | null; allowed: (number | null)[]; random: () => number }): Trip {
	const g = world.graph;
	const from = nearestNode(g, at);
	const cost = tripCost(world, opts.allowed);
	const legs: Leg[] = [{ to: g.nodes[from], speed: opts.walk }];
	let walkFrom = from;
	if (opts.drive !== null) {
		// the road corner nearest the destination that a car can reach
		let park = -1;
		let best = Infinity;
		for (let i = 0; i < g.nodes.length; i++) {
			if (!g.edges[i].some(([, , v]) => v)) continue;
			const d = haversine(g.nodes[i], g.nodes[to]);
			if (d < best) (best = d), (park = i);
		}
		const drive = park >= 0 ? shortestPath(g, from, park, true, cost) : null;
		if (drive) {
			legs.push(...legsAlong(world, drive.slice(1), opts.drive));
			walkFrom = park;
		}
	}
	legs.push(...legsAlong(world, shortestPath(g, walkFrom, to, false, cost)?.slice(1) ?? [to], opts.walk));
	// the stop falls mid-way, away from where the trip starts and ends (the hot spots)
	const stop = opts.random() < 0.12 && legs.length >= 6;
	return { legs, stopAfter: stop ? Math.floor(legs.length * (0.35 + opts.random() * 0.3)) : -1, stopMs: stop ? (2 + opts.random() * 4) * 60_000 : 0 };
}

/**
 * How long this patrol lasts, by the officer's own count of minutes inside (what their phone's
 * timer shows): mostly 10–15 minutes as briefed; now and then called away early, or staying on.
 */
export function patrolTargetMs(random: () => number): number {
	const r = random();
	if (r < 0.02) return (3 + random() * 5) * 60_000;
	if (r < 0.06) return (15.5 + random() * 2) * 60_000;
	// the timer reads a little under the engine's final figure: the walk out still counts
	return (10.2 + random() * 2.6) * 60_000;
}

/** A street corner for other duties: clear of hot spots, a few hundred metres away. */
export function errandNode(world: SimWorld, at: LonLat, random: () => number): number {
	const pool = world.calm.length > 0 ? world.calm : world.graph.nodes.map((_, i) => i);
	const reachable = pool.filter((n) => {
		const d = haversine(world.graph.nodes[n], at);
		return d >= 250 && d <= 1000;
	});
	const from = reachable.length > 0 ? reachable : pool;
	return from[Math.floor(random() * from.length)];
}

/** The activities an officer records at a hot spot, weighted as patrols go: mostly presence and engagement. */
const ACTIVITY_WEIGHTS: [string, number][] = [
	['visible-presence', 40],
	['spoke-residents', 18],
	['spoke-businesses', 15],
	['checked-premises', 10],
	['safeguarding', 5],
	['environment', 5],
	['stop-account', 4],
	['intelligence', 2],
	['stop-search', 1]
];

export function pickActivity(random: () => number): string {
	const total = ACTIVITY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
	let r = random() * total;
	for (const [id, w] of ACTIVITY_WEIGHTS) if ((r -= w) < 0) return id;
	return ACTIVITY_WEIGHTS[0][0];
}

/** The next patrol waypoint: one within 45 m where there is one, so the walk stays inside. */
export function nextWaypoint(waypoints: LonLat[], at: LonLat, random: () => number): LonLat {
	const close = waypoints.filter((w) => {
		const d = haversine(w, at);
		return d > 3 && d <= 45;
	});
	const pool = close.length > 0 ? close : waypoints;
	return pool[Math.floor(random() * pool.length)];
}
