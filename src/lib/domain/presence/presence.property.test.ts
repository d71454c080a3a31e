// Properties of the engine over open-ended tracks (fast-check), checked against a reference for
// "inside" written independently with turf and geo.ts (rule 2 read literally).
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceToBoundary } from '../geo/geo.ts';
import { seededRandom } from '../random.ts';
import { detectVisits } from './detect-visits.ts';
import { HotspotIndex } from './hotspot-index.ts';
import { OfficerPresence } from './officer-presence.ts';
import { fixes, gaussianJitter, jitter, line, square, stand, T0, type Step } from './test-tracks.ts';
import type { Hotspot, OfficerFix } from './types.ts';

const A = square('A');
const spots = [A, square('B', 100, 0), square('C', 250, 250)];
const index = new HotspotIndex(spots);

/** Rule 2 read literally: inside the polygon or within min(accuracy, 25 m) + `extra` of its edge. */
function refInside(h: Hotspot, f: OfficerFix, extra = 0): boolean {
	return booleanPointInPolygon([f.lon, f.lat], turfPolygon(h.polygon)) || distanceToBoundary(f.lon, f.lat, h.polygon) <= Math.min(f.accuracy, 25) + extra;
}

/**
 * The engine measures in each hot spot's own local projection, geo.ts in one centred on the fix;
 * 150 m apart they differ by under a millimetre, so a fix within 1 cm of its margin may fall
 * either way (fast-check's shrinking finds exactly those). Such tracks prove nothing: skip them.
 */
function onTheMargin(h: Hotspot, f: OfficerFix): boolean {
	if (booleanPointInPolygon([f.lon, f.lat], turfPolygon(h.polygon))) return false;
	const d = distanceToBoundary(f.lon, f.lat, h.polygon) - Math.min(f.accuracy, 25);
	return Math.abs(d) < 0.01 || Math.abs(d - 15) < 0.01;
}

// A track: an officer moving between waypoints at 0.5–15 m/s, dwelling, sometimes going silent.
const waypoint = fc.record({
	x: fc.double({ min: -300, max: 450, noNaN: true }),
	y: fc.double({ min: -300, max: 450, noNaN: true }),
	speed: fc.double({ min: 0.5, max: 15, noNaN: true }),
	dwell: fc.integer({ min: 0, max: 900 }),
	every: fc.constantFrom(1, 5, 5, 5, 10, 30, 59, 61, 120),
	accuracy: fc.double({ min: 3, max: 40, noNaN: true }),
	silence: fc.constantFrom(0, 0, 0, 0, 90, 400, 2400)
});
type Waypoint = typeof waypoint extends fc.Arbitrary<infer W> ? W : never;

function build(wps: Waypoint[]): Step[] {
	let at: [number, number] = [wps[0].x, wps[0].y];
	const out: Step[] = [{ s: 0, x: at[0], y: at[1], accuracy: wps[0].accuracy }];
	let s = 0;
	for (const w of wps.slice(1)) {
		const move = line(at, [w.x, w.y], s, w.speed, w.every).slice(1);
		const last = move.length > 0 ? move.at(-1)!.s : s;
		// the move's last fix may stop short of the waypoint: the next one is on it, still at ≤ speed
		const stay = stand(w.x, w.y, last + w.every, last + w.every + w.dwell, w.every);
		for (const p of [...move, ...stay]) out.push({ ...p, accuracy: w.accuracy });
		s = out.at(-1)!.s + w.silence;
		at = [w.x, w.y];
	}
	return out;
}
const track = fc.array(waypoint, { minLength: 2, maxLength: 6 }).map(build);

describe('properties', () => {
	it('the live stream gives the batch result whatever the arrival order, delays and duplicates', () => {
		fc.assert(
			fc.property(track, fc.integer(), (steps, seed) => {
				const fs = fixes('o1', steps);
				const random = seededRandom(seed);
				const arrivals: OfficerFix[] = [];
				for (const f of fs) {
					const r = random();
					// most within the reorder window, some minutes late (folded in), some twice
					const delay = r < 0.85 ? random() * 25_000 : r < 0.95 ? 30_000 + random() * 900_000 : random() * 25_000;
					arrivals.push({ ...f, receivedAt: f.t + delay });
					if (r >= 0.95) arrivals.push({ ...f, receivedAt: f.t + delay + random() * 600_000 });
				}
				arrivals.sort((a, b) => a.receivedAt! - b.receivedAt!);
				const p = new OfficerPresence('o1', index);
				for (const f of arrivals) {
					p.push(f);
					p.advance(f.receivedAt!);
				}
				p.close();
				// quality depends on receivedAt only for future/stale fixes, none here
				expect(p.visits).toEqual(detectVisits(fs, index).visits);
			}),
			{ numRuns: Number(process.env.PROPERTY_RUNS ?? 60), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true } : {}) }
		);
	}, 600_000);

	it('jitter below the accuracy and half the spacing of fixes moves no visit by more than one fix interval', () => {
		const patrol = fc.record({
			speed: fc.double({ min: 1, max: 12, noNaN: true }),
			every: fc.constantFrom(5, 10),
			accuracy: fc.double({ min: 5, max: 25, noNaN: true }),
			y0: fc.double({ min: 10, max: 140, noNaN: true }),
			x1: fc.double({ min: 10, max: 140, noNaN: true }),
			dwell: fc.integer({ min: 0, max: 1200 }),
			share: fc.double({ min: 0, max: 0.99, noNaN: true }),
			seed: fc.integer()
		});
		fc.assert(
			fc.property(patrol, (c) => {
				// in from the west and out to the north, both square to an edge, so the band where
				// jitter can flip inside/outside (2 × jitter wide) holds at most one fix each way
				const dwell = Math.max(c.dwell, 2 * c.every);
				const into = line([-300, c.y0], [c.x1, c.y0], 0, c.speed, c.every);
				const s1 = into.at(-1)!.s;
				const stay = stand(c.x1, c.y0, s1, s1 + dwell, c.every).slice(1);
				const s2 = stay.at(-1)!.s;
				const out = line([c.x1, c.y0], [c.x1, 500], s2, c.speed, c.every).slice(1);
				const s3 = out.at(-1)!.s;
				const steps = [...into, ...stay, ...out, ...stand(c.x1, 500, s3, s3 + 180, c.every).slice(1)];
				const j = c.share * Math.min(c.accuracy, (c.speed * c.every) / 2);
				const clean = detectVisits(fixes('o1', steps, c.accuracy), [A]).visits;
				const noisy = detectVisits(fixes('o1', jitter(steps, j, seededRandom(c.seed)), c.accuracy), [A]).visits;
				expect(noisy).toHaveLength(clean.length);
				const tolerance = c.every * 1000;
				for (let i = 0; i < clean.length; i++) {
					expect(Math.abs(noisy[i].start - clean[i].start)).toBeLessThanOrEqual(tolerance);
					expect(Math.abs(noisy[i].end - clean[i].end)).toBeLessThanOrEqual(tolerance);
					expect(Math.abs(noisy[i].insideMs - clean[i].insideMs)).toBeLessThanOrEqual(2 * tolerance);
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('a track that never comes within 25 m + accuracy of a hot spot yields no visit', () => {
		fc.assert(
			fc.property(track, (steps) => {
				const fs = fixes('o1', steps).filter((f) => !refInside(A, f) && distanceToBoundary(f.lon, f.lat, A.polygon) > 25 + f.accuracy);
				expect(detectVisits(fs, [A]).visits).toEqual([]);
			}),
			{ numRuns: 100 }
		);
	});

	it('inside + unknown + outside time is the track duration, and every inside minute is in a visit', () => {
		fc.assert(
			fc.property(track, fc.boolean(), (steps, silenceCloses) => {
				const fs = fixes('o1', steps);
				fc.pre(!fs.some((f) => spots.some((h) => onTheMargin(h, f))));
				// without the wider band that keeps a visit, rule 2 is one test and inside time is exact
				const r = detectVisits(fs, spots, { stayExtraM: 0, ...(silenceCloses ? {} : { silenceMs: Infinity }) });
				const banded = detectVisits(fs, spots, silenceCloses ? {} : { silenceMs: Infinity });
				const duration = fs.at(-1)!.t - fs[0].t;
				expect(r.officers[0].first).toBe(fs[0].t);
				for (const h of spots) {
					let inside = 0;
					let unknown = 0;
					let outside = 0;
					let band = 0;
					for (let i = 1; i < fs.length; i++) {
						const dt = fs[i].t - fs[i - 1].t;
						if (dt > 60_000) unknown += dt;
						else if (refInside(h, fs[i - 1]) && refInside(h, fs[i])) inside += dt;
						else outside += dt;
						if (dt <= 60_000 && refInside(h, fs[i - 1], 15) && refInside(h, fs[i], 15)) band += dt;
					}
					const visits = r.visits.filter((v) => v.hotspot === h.id);
					expect(visits.reduce((a, v) => a + v.insideMs, 0)).toBe(inside);
					// with it, every interval inside by the margin still counts, and only intervals
					// within the wider band are added
					const kept = banded.visits.filter((v) => v.hotspot === h.id).reduce((a, v) => a + v.insideMs, 0);
					expect(kept).toBeGreaterThanOrEqual(inside);
					expect(kept).toBeLessThanOrEqual(band);
					expect(r.officers[0].unknownMs).toBe(unknown);
					expect(inside + unknown + outside).toBe(duration);
					for (const v of visits) expect(v.insideMs + v.unknownMs).toBeLessThanOrEqual(v.end - v.start);
				}
			}),
			{ numRuns: 100 }
		);
	});
});

describe('an officer standing on a hot spot edge', () => {
	it('makes one visit over 20 minutes of 10 m jitter, where first-fix enter/exit makes many, and keeps its minutes', () => {
		const random = seededRandom(2026);
		// walks in from 200 m west, stands on the west edge 20 minutes, walks back out
		const clean = [...line([-200, 75], [0, 75], 0, 1.4, 5), ...stand(0, 75, 145, 1345), ...line([0, 75], [-200, 75], 1350, 1.4, 5)];
		const steps = [...clean.slice(0, 29), ...gaussianJitter(clean.slice(29, -29), 7, random), ...clean.slice(-29)];
		const fs = fixes('o1', steps, 10);
		const visits = detectVisits(fs, [A]).visits;
		expect(visits).toHaveLength(1);
		// what Traccar's geofence does: enter on the first fix inside the bare polygon
		let enters = 0;
		let wasIn = false;
		for (const f of fs) {
			const isIn = booleanPointInPolygon([f.lon, f.lat], turfPolygon(A.polygon));
			if (isIn && !wasIn) enters++;
			wasIn = isIn;
		}
		expect(enters).toBeGreaterThan(20);
		// the truth: rule 2 on the track without its jitter (standing on the edge is inside)
		const exact = fixes('o1', clean, 10);
		let truth = 0;
		for (let i = 1; i < exact.length; i++) if (refInside(A, exact[i - 1]) && refInside(A, exact[i])) truth += exact[i].t - exact[i - 1].t;
		expect(Math.abs(visits[0].insideMs - truth)).toBeLessThanOrEqual(45_000);
		expect(visits[0].dose).toBe(true);
		// it ends once the walk out leaves the band that keeps it: 10 + 15 m at 1.4 m/s, under 20 s
		expect(visits[0].end - T0).toBeLessThanOrEqual(1350_000 + 20_000);
	});
});
