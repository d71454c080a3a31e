// Test support (not used by the app): hand-made tracks in metres on a local grid around central
// Oxford, and hot spots drawn on the same grid, so a test can say "5 m inside the west edge".
import { EARTH_RADIUS_M } from '../geo/geo.ts';
import type { Hotspot, OfficerFix } from './types.ts';

const RAD = Math.PI / 180;
/** Grid origin: Carfax, Oxford. x east, y north, metres. */
export const ORIGIN = { lon: -1.2577, lat: 51.752 };
const KY = EARTH_RADIUS_M * RAD;
const KX = KY * Math.cos(ORIGIN.lat * RAD);
export const T0 = Date.UTC(2026, 10, 26, 20, 0, 0);

export function lonLat(x: number, y: number): [number, number] {
	return [ORIGIN.lon + x / KX, ORIGIN.lat + y / KY];
}

export function xy(lon: number, lat: number): [number, number] {
	return [(lon - ORIGIN.lon) * KX, (lat - ORIGIN.lat) * KY];
}

/** A square hot spot with its south-west corner at (x, y). */
export function square(id: string, x = 0, y = 0, size = 150): Hotspot {
	const ring = [lonLat(x, y), lonLat(x + size, y), lonLat(x + size, y + size), lonLat(x, y + size), lonLat(x, y)];
	return { id, polygon: [ring] };
}

export interface Step {
	/** seconds since T0 */
	s: number;
	x: number;
	y: number;
	accuracy?: number;
	speed?: number | null;
}

export function fixes(officer: string, steps: Step[], accuracy = 5): OfficerFix[] {
	return steps.map((p, i) => {
		const [lon, lat] = lonLat(p.x, p.y);
		return {
			officer, id: `${officer}-${String(i).padStart(6, '0')}`, t: T0 + Math.round(p.s * 1000),
			lon, lat, accuracy: p.accuracy ?? accuracy, speed: p.speed ?? null, heading: null
		};
	});
}

/** Standing at (x, y) from s0 to s1, a fix every `every` seconds. */
export function stand(x: number, y: number, s0: number, s1: number, every = 5): Step[] {
	const out: Step[] = [];
	for (let s = s0; s <= s1 + 1e-9; s += every) out.push({ s, x, y });
	return out;
}

/** Walking or driving in a straight line at `speed` m/s, a fix every `every` seconds (both ends included). */
export function line(from: [number, number], to: [number, number], s0: number, speed: number, every = 5): Step[] {
	const d = Math.hypot(to[0] - from[0], to[1] - from[1]);
	const duration = d / speed;
	const out: Step[] = [];
	for (let k = 0; k * every <= duration + 1e-9; k++) {
		const f = (k * every) / duration;
		out.push({ s: s0 + k * every, x: from[0] + f * (to[0] - from[0]), y: from[1] + f * (to[1] - from[1]) });
	}
	return out;
}

/** Moves every step by a random offset of up to `radius` metres (uniform in the disc). */
export function jitter(steps: Step[], radius: number, random: () => number): Step[] {
	return steps.map((p) => {
		const r = radius * Math.sqrt(random());
		const a = 2 * Math.PI * random();
		return { ...p, x: p.x + r * Math.cos(a), y: p.y + r * Math.sin(a) };
	});
}

/** A Gaussian offset per axis with standard deviation sigma (Box–Muller). */
export function gaussianJitter(steps: Step[], sigma: number, random: () => number): Step[] {
	return steps.map((p) => {
		const u = Math.max(random(), 1e-12);
		const v = random();
		const r = sigma * Math.sqrt(-2 * Math.log(u));
		return { ...p, x: p.x + r * Math.cos(2 * Math.PI * v), y: p.y + r * Math.sin(2 * Math.PI * v) };
	});
}

export const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
