// Real GPS traces (tests/fixtures/gpx/, from tkrajina/gpxpy, Apache-2.0), translated to Oxford:
// each fix keeps its offset in metres east and north of an anchor fix on the trace, laid out
// from Carfax instead, so shape, timing and speeds are the trace's own. Each hot spot is a 150 m
// square centred on an anchor. GPX carries no accuracy: 5 m is assumed (a consumer GPS in the
// open), so the margin is 5 m, and an open visit is kept within 5 + 15 = 20 m. The expectations were read off the traces by hand (times are the
// trace's own, UTC): which fixes fall within 75 m + 5 m of the anchor, the gaps between them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectVisits } from './detect-visits.ts';
import { HotspotIndex } from './hotspot-index.ts';
import { OfficerPresence } from './officer-presence.ts';
import { lonLat, square } from './test-tracks.ts';
import type { OfficerFix, VisitRecord } from './types.ts';

const RAD = Math.PI / 180;

function gpx(name: string): { t: number; lat: number; lon: number }[] {
	const text = readFileSync(new URL(`../../../../tests/fixtures/gpx/${name}`, import.meta.url), 'utf8');
	return [...text.matchAll(/<trkpt lat="([-\d.]+)" lon="([-\d.]+)">([\s\S]*?)<\/trkpt>/g)]
		.map((m) => ({ lat: Number(m[1]), lon: Number(m[2]), time: /<time>([^<]+)<\/time>/.exec(m[3])?.[1] }))
		.filter((p) => p.time !== undefined)
		.map((p) => ({ t: Date.parse(p.time!), lat: p.lat, lon: p.lon }));
}

/** The trace moved to Oxford with the fix nearest `anchor` on the grid origin (Carfax). */
function inOxford(name: string, officer: string, anchor: string): OfficerFix[] {
	const points = gpx(name);
	const at = Date.parse(anchor);
	const a = points.reduce((best, p) => (Math.abs(p.t - at) < Math.abs(best.t - at) ? p : best));
	const ky = 6_371_008.8 * RAD;
	const kx = ky * Math.cos(a.lat * RAD);
	return points.map((p, i) => {
		const [lon, lat] = lonLat((p.lon - a.lon) * kx, (p.lat - a.lat) * ky);
		return { officer, id: `${officer}-${String(i).padStart(4, '0')}`, t: p.t, lon, lat, accuracy: 5, speed: null, heading: null };
	});
}

const spot = square('S', -75, -75, 150);
const summary = (v: VisitRecord) => [new Date(v.start).toISOString().slice(11, 19), new Date(v.end).toISOString().slice(11, 19), v.minutes, v.unknownMinutes];

describe('a car (around-visnjan-with-car.gpx, Garmin eTrex, fixes every 1–17 s)', () => {
	it('drives through a hot spot at 9–13 m/s: a visit of 16 seconds, by vehicle, not a dose', () => {
		// anchor 06:18:21. 06:18:07 is 116 m out; 06:18:14 is 0.6 m beyond the edge (inside the 5 m
		// margin); 06:18:19–06:18:30 inside; 06:18:31 8 m out and 06:18:32 19.7 m out (within the
		// 20 m that keep a visit); 06:18:37 72 m out and the car drives on, never back. 18 s between
		// the first and last inside fix, no interval over 60 s; the window of speeds behind it holds
		// 9–26 m/s.
		const visits = detectVisits(inOxford('around-visnjan-with-car.gpx', 'car', '2020-12-18T06:18:21Z'), [spot]).visits;
		expect(visits.map(summary)).toEqual([['06:18:14', '06:18:32', 0.3, 0]]);
		expect(visits[0]).toMatchObject({ mode: 'vehicle', dose: false, stops: 0 });
	});

	it('parks in a hot spot for two minutes: one visit with one stop', () => {
		// anchor 06:20:37. In from 06:19:18 (slowing from 7.8 m/s), standing still 06:19:39–06:21:37
		// (fixes 17, 41, 49 and 11 s apart: all known), out after 06:21:49 (1.5 m beyond the edge,
		// inside the margin; 06:21:53 is 34 m out). 151 s inside. The mode is not pinned: parked, the
		// car's speeds are a pedestrian's, and the rule reads them so.
		const visits = detectVisits(inOxford('around-visnjan-with-car.gpx', 'car', '2020-12-18T06:20:37Z'), [spot]).visits;
		expect(visits.map(summary)).toEqual([['06:19:18', '06:21:49', 2.52, 0]]);
		expect(visits[0]).toMatchObject({ stops: 1, dose: false });
	});
});

describe('walks (korita-zbevnica.gpx, cerknicko-jezero.gpx: fixes every 2–15 s, with gaps)', () => {
	it('walks through a hot spot with two gaps of more than a minute: unknown, not inside', () => {
		// anchor 10:28:09. 10:24:03 is 10.8 m out (no visit yet: the 5 m margin starts one); 10:24:13
		// 4.6 m out (within the margin) to 10:33:39 (2.6 m out) all inside; 10:33:56 12 m out, still
		// within the 20 m that keep the visit; 10:34:24 is 32 m out, and the walker never comes back.
		// 10:28:57→10:30:21 (84 s) and →10:31:31 (70 s) are unknown: 154 s = 2.57 min.
		// Inside: 10:24:13→10:33:56 is 583 s, less 154 s = 429 s = 7.15 min. Walking at ~1 m/s: foot.
		const visits = detectVisits(inOxford('korita-zbevnica.gpx', 'walker', '2010-10-03T10:28:09Z'), [spot]).visits;
		expect(visits.map(summary)).toEqual([['10:24:13', '10:33:56', 7.15, 2.57]]);
		expect(visits[0]).toMatchObject({ mode: 'foot', dose: false });
	});

	it('rests 34 minutes with the device silent: the visit closes at its last fix and a new one starts', () => {
		// anchor 11:34:09. Inside from 11:31:33 (11:31:21 is 8 m out) to 11:34:09; silent until
		// 12:08:10 (2,041 s, longer than the 10-minute silence rule), inside until 12:13:04 (2.7 m
		// out), 12:13:16 11.7 m out (within the 20 m that keep the visit), 12:13:27 21.4 m out.
		// First: 82 s known (11:31:33→11:32:55) + 9 s (11:34:00→11:34:09); 65 s unknown between.
		// Second: 27 s (12:09:28→12:09:55) + 112 s (12:11:24→12:13:16) known; 78 s and 89 s unknown.
		// Its mode is foot, narrowly: after each gap the speed needs a 30 s baseline, so only the
		// last 70 s have a speed (foot) — just over half of its 139 known seconds (the 12 s that the
		// wider band adds tip it; without them it was 58 of 127, unknown).
		const fixes = inOxford('korita-zbevnica.gpx', 'walker', '2010-10-03T11:34:09Z');
		const visits = detectVisits(fixes, [spot]).visits;
		expect(visits.map(summary)).toEqual([
			['11:31:33', '11:34:09', 1.52, 1.08],
			['12:08:10', '12:13:16', 2.32, 2.78]
		]);
		expect(visits.map((v) => v.mode)).toEqual(['foot', 'foot']);
		// allowed an hour of silence, it is one visit: 91 + 139 s inside, 65 + 2,041 + 167 s unknown
		expect(detectVisits(fixes, [spot], { silenceMs: 3600_000 }).visits.map(summary)).toEqual([['11:31:33', '12:13:16', 3.83, 37.88]]);
	});

	it('walks through a hot spot, and later passes it again at 8 m/s: foot, then vehicle', () => {
		// anchor 15:13:01. On foot (1.3–1.9 m/s, fixes 6–12 s apart) inside 15:00:26 (3.3 m out)
		// to 15:02:08 (0.5 m out) and 15:02:15 (11.6 m out, within the 20 m that keep the visit;
		// 15:02:21 is 21.3 m out): 109 s. Back at 7.7–8.8 m/s, fixes 2 s apart, inside 15:12:51
		// (4.7 m out) to 15:13:11 (3.6 m out): 20 s. No other fix of the trace comes within 80 m.
		const visits = detectVisits(inOxford('cerknicko-jezero.gpx', 'walker', '2010-08-05T15:13:01Z'), [spot]).visits;
		expect(visits.map(summary)).toEqual([
			['15:00:26', '15:02:15', 1.82, 0],
			['15:12:51', '15:13:11', 0.33, 0]
		]);
		expect(visits.map((v) => [v.mode, v.dose])).toEqual([['foot', false], ['vehicle', false]]);
	});

	it('drops the one junk fix of cerknicko-jezero (184 m in 2 s) and no other', () => {
		// 15:40:00→15:40:02 jumps 184 m: 92 m/s. The next fix, 15:40:04, is then compared with
		// 15:40:00: at most 200 m in 4 s, under 60 m/s. Every other step of the trace is under 12 m/s.
		const fixes = inOxford('cerknicko-jezero.gpx', 'walker', '2010-08-05T15:13:01Z');
		const [officer] = detectVisits(fixes, [spot]).officers;
		expect([officer.fixes, officer.usable]).toEqual([fixes.length, fixes.length - 1]);
	});

	it('gives the same visits through the live stream', () => {
		const index = new HotspotIndex([spot]);
		for (const [file, anchor] of [['cerknicko-jezero.gpx', '2010-08-05T15:13:01Z'], ['korita-zbevnica.gpx', '2010-10-03T11:34:09Z']]) {
			const fixes = inOxford(file, 'walker', anchor);
			const live = new OfficerPresence('walker', index);
			for (const f of fixes) {
				live.push({ ...f, receivedAt: f.t + 2000 });
				live.advance(f.t + 2000);
			}
			live.close();
			expect(live.visits).toEqual(detectVisits(fixes, index).visits);
		}
	});
});
