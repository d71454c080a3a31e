// What the simulated officers know of the place: the streets, the live hot spots, where inside each
// a patrol walks (street corners at least 12 m in from its edge and 40 m clear of other hot spots,
// so a phone's jitter neither ends the visit nor starts one next door), and which streets lead
// through other hot spots (dear to route through: an officer on the way somewhere does not loiter
// in a hot spot they were not sent to). Pure: built once per published set.
import { bbox, distanceToBoundary, haversine, pointInPolygon, ringCentroid, type LonLat, type PolygonCoords } from '../geo/geo.ts';
import type { Window } from '../hotspots/types.ts';
import { liveWindowAt } from '../hotspots/windows.ts';
import { nearestNode, type StreetGraph } from './street-graph.ts';

export interface SimHotspot {
	id: number;
	/** 1 = most harm */
	rank: number;
	polygon: PolygonCoords;
	windows: Window[];
}

export interface PlacedHotspot extends SimHotspot {
	centroid: LonLat;
	/** where a patrol walks: street corners inside, or a 15 m grid where the streets are few */
	waypoints: LonLat[];
	/** the street corner a trip there ends at */
	entry: number;
}

export interface SimWorld {
	graph: StreetGraph;
	hotspots: PlacedHotspot[];
	byId: Map<number, PlacedHotspot>;
	/** per node: ids of the hot spots it is in or within NEAR_M of */
	near: number[][];
	/** nodes at least CALM_M from every hot spot: where other duties take an officer */
	calm: number[];
}

const EDGE_IN_M = 12;
const CLEAR_OF_OTHERS_M = 40;
const NEAR_M = 40;
const CALM_M = 150;
/** an edge near a hot spot the officer is not going to costs this many times its length */
export const THROUGH_OTHER_HOTSPOT_COST = 12;

function insideBy(p: LonLat, rings: PolygonCoords, metres: number): boolean {
	return pointInPolygon(p[0], p[1], rings) && distanceToBoundary(p[0], p[1], rings) >= metres;
}

function clearOf(p: LonLat, rings: PolygonCoords, metres: number): boolean {
	return !pointInPolygon(p[0], p[1], rings) && distanceToBoundary(p[0], p[1], rings) >= metres;
}

export function prepareWorld(graph: StreetGraph, hotspots: SimHotspot[]): SimWorld {
	const placed: PlacedHotspot[] = hotspots.map((h) => {
		const others = hotspots.filter((o) => o.id !== h.id);
		const ok = (p: LonLat) => insideBy(p, h.polygon, EDGE_IN_M) && others.every((o) => clearOf(p, o.polygon, CLEAR_OF_OTHERS_M));
		const corners = graph.nodes.filter(ok);
		let waypoints = corners;
		if (corners.length < 4) {
			const [x0, y0, x1, y1] = bbox(h.polygon);
			const dLat = 15 / 111_320;
			const dLon = dLat / Math.cos((y0 * Math.PI) / 180);
			waypoints = [...corners];
			for (let y = y0 + dLat / 2; y < y1; y += dLat) for (let x = x0 + dLon / 2; x < x1; x += dLon) if (ok([x, y])) waypoints.push([x, y]);
		}
		const centroid = ringCentroid(h.polygon[0]);
		if (waypoints.length === 0) waypoints = [centroid];
		const toCentre = (p: LonLat) => haversine(p, centroid);
		const inner = corners.length > 0 ? corners.reduce((a, b) => (toCentre(a) <= toCentre(b) ? a : b)) : centroid;
		return { ...h, centroid, waypoints, entry: nearestNode(graph, inner) };
	});
	const near = graph.nodes.map((p) => placed.filter((h) => pointInPolygon(p[0], p[1], h.polygon) || distanceToBoundary(p[0], p[1], h.polygon) < NEAR_M).map((h) => h.id));
	const calm: number[] = [];
	for (let i = 0; i < graph.nodes.length; i++) {
		const p = graph.nodes[i];
		if (placed.every((h) => !pointInPolygon(p[0], p[1], h.polygon) && distanceToBoundary(p[0], p[1], h.polygon) >= CALM_M)) calm.push(i);
	}
	return { graph, hotspots: placed, byId: new Map(placed.map((h) => [h.id, h])), near, calm };
}

/** Edge costs for a trip: streets in or near any hot spot but `to` and `from` are dear. */
export function tripCost(world: SimWorld, allowed: (number | null)[]): (a: number, b: number, metres: number) => number {
	const ok = (ids: number[]) => ids.every((id) => allowed.includes(id));
	return (a, b, metres) => (ok(world.near[a]) && ok(world.near[b]) ? metres : metres * THROUGH_OTHER_HOTSPOT_COST);
}

/** A reported position the presence engine counts as inside an open visit (docs/presence.md rule 2: margin, plus the band). */
export function inBand(h: PlacedHotspot, p: LonLat, accuracy: number): boolean {
	return pointInPolygon(p[0], p[1], h.polygon) || distanceToBoundary(p[0], p[1], h.polygon) <= Math.min(accuracy, 25) + 15;
}

/**
 * The hot spots the simulated officers leave alone, so the demo always has a live gap for a
 * supervisor to act on: among those live at `now`, the `count` whose window has been open longest
 * (first to fall into a gap), the least harmful first (highest rank number), ties by id. Only
 * "send me" passes them over; a supervisor's tasking still sends an officer there.
 */
export function neglectedHotspots(hotspots: SimHotspot[], now: number, count = 1): number[] {
	return hotspots
		.map((h) => ({ h, live: liveWindowAt(h.windows, now) }))
		.filter((x) => x.live !== null)
		.sort((a, b) => a.live!.start - b.live!.start || b.h.rank - a.h.rank || a.h.id - b.h.id)
		.slice(0, count)
		.map((x) => x.h.id);
}
