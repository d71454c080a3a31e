// Rule 2's wider band that keeps a visit (docs/presence.md): an officer on a hot spot's edge keeps
// the minutes a human observer would count, and nobody walking past gains any. The band's width
// (15 m beyond the margin) was chosen on synthetic edge tracks only (10 m left phones reporting
// 25 m short by up to 70 s of 20 minutes); the real traces below (tests/fixtures/gpx, and GeoLife
// when ../shared/data holds it) are held out: they were not used to choose it. On them most
// placements are within ±45 s, not all: a track that lingers 15–30 m outside the margin gains the
// time its jittered fixes keep the visit (at most 140 s on the GPX walks). Without the band, as
// many placements miss, the other way (up to 178 s short). Truth is rule 2 applied to the track without its jitter — the minutes
// the engine would count if every fix were exactly where the officer stood.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distanceToBoundary } from '../geo/geo.ts';
import { seededRandom } from '../random.ts';
import { detectVisits } from './detect-visits.ts';
import { fixes, gaussianJitter, line, square, stand, xy, type Step } from './test-tracks.ts';
import type { Hotspot, OfficerFix } from './types.ts';

const A = square('A');
const TOLERANCE_MS = 45_000;

function inside(h: Hotspot, f: OfficerFix): boolean {
	return booleanPointInPolygon([f.lon, f.lat], turfPolygon(h.polygon)) || distanceToBoundary(f.lon, f.lat, h.polygon) <= Math.min(f.accuracy, 25);
}

/** Known intervals (≤ 60 s) whose two fixes are both inside by rule 2; fixes faster than 60 m/s from the last kept one are junk (rule 1). */
function truthMs(h: Hotspot, fs: OfficerFix[]): number {
	let ms = 0;
	let prev: OfficerFix | null = null;
	for (const f of fs) {
		if (prev) {
			const [x0, y0] = xy(prev.lon, prev.lat);
			const [x1, y1] = xy(f.lon, f.lat);
			const dt = f.t - prev.t;
			if (dt > 0 && Math.hypot(x1 - x0, y1 - y0) / (dt / 1000) > 60) continue;
			if (dt <= 60_000 && inside(h, prev) && inside(h, f)) ms += dt;
		}
		prev = f;
	}
	return ms;
}

const insideMs = (fs: OfficerFix[], h: Hotspot) => detectVisits(fs, [h]).visits.reduce((a, v) => a + v.insideMs, 0);

describe('standing on the edge (synthetic, seeded)', () => {
	it('keeps 20 minutes on the boundary with 8 m of jitter and 15 m accuracy, within ±45 s', () => {
		// the case of issue [3/6]: first-fix-in, first-fix-out rules lose about 2 of the 20 minutes
		for (let seed = 1; seed <= 10; seed++) {
			const clean = [...line([-200, 75], [0, 75], 0, 1.4, 3), ...stand(0, 75, 144, 1344, 3), ...line([0, 75], [-200, 75], 1347, 1.4, 3)];
			const noisy = gaussianJitter(clean, 8, seededRandom(seed));
			const truth = truthMs(A, fixes('o', clean, 15));
			expect(truth).toBeGreaterThanOrEqual(1200_000);
			expect(Math.abs(insideMs(fixes('o', noisy, 15), A) - truth), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE_MS);
		}
	});

	it('holds for other jitter, accuracy and reporting rates, phones that understate their error included', () => {
		// [sigma, accuracy]: accuracy is a 68 % radius, about 1.5 sigma for honest phones; 6 m at 5 m understates
		const cases: [number, number][] = [[5, 15], [10, 15], [4, 10], [7, 10], [6, 5], [12, 20], [16, 25]];
		for (const [sigma, accuracy] of cases) {
			for (const every of [1, 5, 10]) {
				for (let seed = 1; seed <= 4; seed++) {
					const clean = [...line([-200, 75], [0, 75], 0, 1.4, every)];
					const s0 = clean.at(-1)!.s + every;
					clean.push(...stand(0, 75, s0, s0 + 1200, every));
					clean.push(...line([0, 75], [-200, 75], clean.at(-1)!.s + every, 1.4, every));
					const noisy = gaussianJitter(clean, sigma, seededRandom(seed * 31 + every));
					const truth = truthMs(A, fixes('o', clean, accuracy));
					const got = insideMs(fixes('o', noisy, accuracy), A);
					expect(Math.abs(got - truth), `σ ${sigma} m, accuracy ${accuracy} m, every ${every} s, seed ${seed}`).toBeLessThanOrEqual(TOLERANCE_MS);
				}
			}
		}
	});

	it('invents no visit worth a minute for someone walking past 30 m outside', () => {
		let total = 0;
		for (let seed = 1; seed <= 20; seed++) {
			for (const every of [1, 5]) {
				// along the whole west side, 30 m out, and on past the corners
				const walk = gaussianJitter(line([-30, -150], [-30, 300], 0, 1.4, every), 8, seededRandom(seed));
				const visits = detectVisits(fixes('o', walk, 15), [A]).visits;
				for (const v of visits) expect(v.insideMs, `seed ${seed}, every ${every} s`).toBeLessThan(60_000);
				total += visits.reduce((a, v) => a + v.insideMs, 0);
			}
		}
		// on average under 5 s of a 5-minute walk
		expect(total / 40).toBeLessThan(5_000);
	});
});

// Real tracks, held out: each is laid so that a hot spot's edge runs through the fix at each tenth
// of the track, the square on either side in turn, and 8 m of jitter is added with 15 m accuracy.
type Point = { t: number; x: number; y: number };

function gpx(path: string): Point[] {
	const text = readFileSync(path, 'utf8');
	const pts = [...text.matchAll(/<trkpt lat="([-\d.]+)" lon="([-\d.]+)">([\s\S]*?)<\/trkpt>/g)]
		.map((m) => ({ lat: Number(m[1]), lon: Number(m[2]), time: /<time>([^<]+)<\/time>/.exec(m[3])?.[1] }))
		.filter((p) => p.time !== undefined)
		.map((p) => ({ t: Date.parse(p.time!), lat: p.lat, lon: p.lon }));
	return metres(pts);
}

function metres(pts: { t: number; lat: number; lon: number }[]): Point[] {
	const RAD = Math.PI / 180;
	const ky = 6_371_008.8 * RAD;
	const kx = ky * Math.cos(pts[0].lat * RAD);
	return pts.map((p) => ({ t: p.t, x: (p.lon - pts[0].lon) * kx, y: (p.lat - pts[0].lat) * ky }));
}

/** Minutes off the truth for each placement of a hot spot's edge across the track. */
function errors(name: string, pts: Point[]): { where: string; errorS: number; truthS: number }[] {
	const out: { where: string; errorS: number; truthS: number }[] = [];
	const t0 = pts[0].t;
	for (let tenth = 1; tenth <= 9; tenth++) {
		const a = pts[Math.floor((pts.length * tenth) / 10)];
		// only the hour around the anchor: the rest of a long track is far away
		const near = pts.filter((p) => Math.abs(p.t - a.t) <= 30 * 60_000);
		const steps: Step[] = near.map((p) => ({ s: (p.t - t0) / 1000, x: p.x - a.x, y: p.y - a.y }));
		// the anchor on the middle of the west, east, south and north edge
		for (const [dx, dy, edge] of [[0, -75, 'west'], [-150, -75, 'east'], [-75, 0, 'south'], [-75, -150, 'north']] as const) {
			const h = square('H', dx, dy);
			const clean = fixes('o', steps, 15).map((f, i) => ({ ...f, t: near[i].t }));
			const noisy = fixes('o', gaussianJitter(steps, 8, seededRandom(tenth * 4 + dx)), 15).map((f, i) => ({ ...f, t: near[i].t }));
			const truth = truthMs(h, clean);
			out.push({ where: `${name} at ${tenth}/10, ${edge} edge`, errorS: (insideMs(noisy, h) - truth) / 1000, truthS: truth / 1000 });
		}
	}
	return out;
}

/** Prints the spread and checks it: 90 % of placements within ±45 s, the median within 15 s. */
function check(label: string, all: ReturnType<typeof errors>): void {
	const counted = all.filter((e) => e.truthS > 0);
	const abs = all.map((e) => Math.abs(e.errorS)).sort((a, b) => a - b);
	const within = abs.filter((x) => x <= TOLERANCE_MS / 1000).length;
	const worst = all.reduce((w, e) => (Math.abs(e.errorS) > Math.abs(w.errorS) ? e : w));
	console.log(
		`${label}: ${all.length} placements (${counted.length} with inside time), ${within} within ±45 s, median |error| ${abs[abs.length >> 1].toFixed(0)} s, ` +
			`worst ${worst.errorS.toFixed(0)} s (${worst.where}, truth ${worst.truthS.toFixed(0)} s)`
	);
	expect(counted.length).toBeGreaterThan(20);
	expect(within / all.length).toBeGreaterThanOrEqual(0.9);
	expect(abs[abs.length >> 1]).toBeLessThanOrEqual(15);
}

describe('held-out real tracks laid across a hot spot edge', () => {
	it('GPX walks and a drive (tests/fixtures/gpx): minutes within ±45 s of the truth for 90 % of placements', () => {
		const dir = fileURLToPath(new URL('../../../../tests/fixtures/gpx/', import.meta.url));
		const all = readdirSync(dir).filter((f) => f.endsWith('.gpx')).flatMap((f) => errors(f, gpx(dir + f)));
		check('GPX', all);
	});

	const ROOT = fileURLToPath(new URL('../../../../../shared/data/gps/geolife/geolife_modes/', import.meta.url));
	const present = existsSync(ROOT);
	it.skipIf(!present && process.env.CI !== 'true')('GeoLife tracks (../shared/data): minutes within ±45 s of the truth for 90 % of placements', () => {
		expect(present, `GeoLife data missing at ${ROOT}: CI must not skip this check`).toBe(true);
		const all = readdirSync(ROOT).flatMap((user) =>
			readdirSync(`${ROOT}${user}/Trajectory/`)
				.filter((f) => f.endsWith('.plt'))
				.flatMap((file) => {
					const pts = readFileSync(`${ROOT}${user}/Trajectory/${file}`, 'utf8')
						.split(/\r?\n/)
						.slice(6)
						.filter((l) => l.trim() !== '')
						.map((l) => {
							const [lat, lon, , , , date, time] = l.split(',');
							return { t: Date.parse(`${date}T${time}Z`), lat: Number(lat), lon: Number(lon) };
						});
					return pts.length >= 100 ? errors(`${user}/${file}`, metres(pts)) : [];
				})
		);
		check('GeoLife', all);
	});
});
