// The presence engine at force scale ([3/9]): 1,000 hot spots of 150 m in a 10 × 10 km area,
// 5,000 simulated officers (walkers patrolling hot spots, drivers crossing them), a fix every
// 5 s. Measures fixes per second through the whole live engine (OfficerPresence: reorder
// window, snapshots, visits, stops, mode) on one core, beside the naive loop — turf's
// booleanPointInPolygon over every hot spot for every fix — on the same fixes in the same run.
// Goals ([5/6]): live with officers interleaved ≥ 1,000,000 fixes per CPU-second and ≥ 50× the
// naive loop by CPU time; ≤ 4 KB of live state per officer (heap after a forced GC with 5,000
// engines alive mid-shift, less the heap without them). The engines run with the server's options.
// BENCH_PRESENCE=live,replay,batch,naive picks parts (for a profiler); all by default;
// BENCH_HEAP_SNAPSHOT=file writes a heap snapshot mid-shift; BENCH_SIZES=1 prints what engines hold.
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import { seededRandom } from '../../src/lib/domain/random.ts';
import { detectVisits } from '../../src/lib/domain/presence/detect-visits.ts';
import { HotspotIndex } from '../../src/lib/domain/presence/hotspot-index.ts';
import { OfficerPresence } from '../../src/lib/domain/presence/officer-presence.ts';
import type { Hotspot, OfficerFix, PresenceEvent } from '../../src/lib/domain/presence/types.ts';

const HOTSPOTS = 1000;
const OFFICERS = 5000;
const DRIVERS = 0.25;
const EVERY_S = 5;
const MINUTES = 30;
const AREA_M = 10_000;
const T0 = Date.UTC(2026, 10, 26, 18);
const LAT0 = 51.7;
const LON0 = -1.3;
const KY = 111_195;
const KX = KY * Math.cos((LAT0 * Math.PI) / 180);
const f0 = (n: number) => Math.round(n).toLocaleString('en-GB');
/** As ENGINE_OPTIONS in src/lib/server/services/presence.ts: what a server node runs. */
const SERVER_OPTIONS = { historyMaxFixes: 30, keepVisits: false };
const PARTS = new Set((process.env.BENCH_PRESENCE ?? 'live,replay,batch,naive').split(','));
const GOAL_RATE = 1_000_000;
const GOAL_RATIO = 50;
const GOAL_BYTES = 4096;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after full collections (a few, so that weak and finalised objects go too), typed arrays' buffers included. */
function heapUsed(): number {
	for (let i = 0; i < 3; i++) gc();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
}

/** Visits (and doses) the engines closed, from their events as the server takes them. */
function countVisits(events: PresenceEvent[], into: { visits: number; doses: number }): number {
	for (const e of events) {
		if (e.type !== 'visit-ended') continue;
		into.visits++;
		if (e.visit.dose) into.doses++;
	}
	return events.length;
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');

/**
 * Wall-clock and CPU seconds of fn. On a shared machine the CPU time (this process's user and
 * system time) is the steadier figure; both are printed.
 */
function timed(fn: () => void): { wall: number; cpu: number } {
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	fn();
	const c = process.cpuUsage(c0);
	return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const rates = (n: number, s: { wall: number; cpu: number }) => `${f0(n / s.wall)} fixes/s (${f0(n / s.cpu)} per CPU-second; ${s.wall.toFixed(2)} s)`;

function makeHotspots(random: () => number): { hotspots: Hotspot[]; centres: [number, number][] } {
	const centres: [number, number][] = [];
	const hotspots = Array.from({ length: HOTSPOTS }, (_, i) => {
		const x = 75 + random() * (AREA_M - 150);
		const y = 75 + random() * (AREA_M - 150);
		centres.push([x, y]);
		const c = (dx: number, dy: number): [number, number] => [LON0 + (x + dx) / KX, LAT0 + (y + dy) / KY];
		return { id: `h${i}`, polygon: [[c(-75, -75), c(75, -75), c(75, 75), c(-75, 75), c(-75, -75)]] };
	});
	return { hotspots, centres };
}

/** Hot spots between `min` and `max` metres from each one: where an officer goes next. */
function reachable(centres: [number, number][], min: number, max: number): number[][] {
	return centres.map(([x, y]) =>
		centres.flatMap((c, j) => {
			const d = Math.hypot(c[0] - x, c[1] - y);
			return d >= min && d <= max ? [j] : [];
		})
	);
}

/**
 * Walkers patrol a hot spot for 10–15 minutes, wandering inside it, then walk to another
 * 0.4–1.2 km away; drivers drive through hot spots 1–3 km apart. Fixes carry ~4 m of noise.
 */
interface Track {
	/** per step and officer: lon, lat, accuracy at [(step * OFFICERS + officer) * 3] */
	data: Float64Array;
	steps: number;
}

const NAMES = Array.from({ length: OFFICERS }, (_, o) => `o${o}`);

function fixAt(track: Track, k: number, o: number): OfficerFix {
	const i = (k * OFFICERS + o) * 3;
	const t = T0 + k * EVERY_S * 1000;
	return { officer: NAMES[o], id: `${NAMES[o]}-${k}`, t, lon: track.data[i], lat: track.data[i + 1], accuracy: track.data[i + 2], speed: null, heading: null, receivedAt: t + 500 };
}

function simulate(centres: [number, number][], random: () => number): Track {
	const walkTo = reachable(centres, 400, 1200);
	const driveTo = reachable(centres, 1000, 3000);
	const pick = (list: number[], from: number) => (list.length > 0 ? list[Math.floor(random() * list.length)] : from);
	const steps = (MINUTES * 60) / EVERY_S;
	const data = new Float64Array(steps * OFFICERS * 3);
	for (let o = 0; o < OFFICERS; o++) {
		const driver = o < OFFICERS * DRIVERS;
		let target = Math.floor(random() * HOTSPOTS);
		let [x, y] = centres[target];
		if (driver) target = pick(driveTo[target], target);
		let patrolLeft = driver ? 0 : random() * 900;
		const speed = driver ? 8 + random() * 5 : 1.1 + random() * 0.5;
		let heading = random() * 2 * Math.PI;
		for (let k = 0; k < steps; k++) {
			if (patrolLeft > 0) {
				// a patrol: wander inside the hot spot, turning back at its edges
				heading += (random() - 0.5) * 0.8;
				const [cx, cy] = centres[target];
				if (Math.abs(x - cx) > 60 || Math.abs(y - cy) > 60) heading = Math.atan2(cy - y, cx - x);
				x += Math.cos(heading) * speed * EVERY_S;
				y += Math.sin(heading) * speed * EVERY_S;
				patrolLeft -= EVERY_S;
				if (patrolLeft <= 0) target = pick(walkTo[target], target);
			} else {
				const [tx, ty] = centres[target];
				const d = Math.hypot(tx - x, ty - y);
				const step = speed * EVERY_S;
				if (d <= step) {
					x = tx;
					y = ty;
					if (driver) target = pick(driveTo[target], target);
					else patrolLeft = 600 + random() * 300;
				} else {
					x += ((tx - x) / d) * step;
					y += ((ty - y) / d) * step;
				}
			}
			const noise = 4 * Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12)));
			const a = 2 * Math.PI * random();
			data.set([LON0 + (x + noise * Math.cos(a)) / KX, LAT0 + (y + noise * Math.sin(a)) / KY, 5 + random() * 10], (k * OFFICERS + o) * 3);
		}
	}
	return { data, steps };
}

export async function run(): Promise<void> {
	const random = seededRandom(20261126);
	const { hotspots, centres } = makeHotspots(random);
	const index = new HotspotIndex(hotspots);
	const track = simulate(centres, random);
	const total = track.steps * OFFICERS;
	let inside = 0;
	for (let k = 0; k < track.steps; k++) for (let o = 0; o < OFFICERS; o++) {
		const i = (k * OFFICERS + o) * 3;
		if (index.inside(track.data[i], track.data[i + 1], track.data[i + 2]).length > 0) inside++;
	}
	console.log(
		`${f0(HOTSPOTS)} hot spots of 150 m in ${AREA_M / 1000} × ${AREA_M / 1000} km; ${f0(OFFICERS)} officers (${f0(OFFICERS * (1 - DRIVERS))} walking, ${f0(OFFICERS * DRIVERS)} driving), ` +
			`a fix every ${EVERY_S} s for ${MINUTES} min: ${f0(total)} fixes, ${((inside / total) * 100).toFixed(1)} % inside a hot spot; engines as the server runs them (${JSON.stringify(SERVER_OPTIONS)})`
	);
	const cpu: Record<string, number> = {};

	if (PARTS.has('live')) {
		// live: fixes arrive officer after officer, as ingest delivers them; each fix object is built
		// in the loop, as the network layer would, and counted in the engine's time
		const base = heapUsed();
		const engines = Array.from({ length: OFFICERS }, (_, o) => new OfficerPresence(NAMES[o], index, SERVER_OPTIONS));
		let events = 0;
		const closed = { visits: 0, doses: 0 };
		const feedT = timed(() => {
			// as the presence service does with each stored batch: an officer's fixes, then advance
			for (let k = 0; k < track.steps; k++) {
				const now = T0 + k * EVERY_S * 1000 + 1000;
				for (let o = 0; o < OFFICERS; o++) {
					engines[o].push(fixAt(track, k, o));
					events += countVisits(engines[o].advance(now), closed);
				}
			}
		});
		// mid-shift, every engine warm: what 5,000 officers cost the heap
		const perOfficer = (heapUsed() - base) / OFFICERS;
		if (process.env.BENCH_HEAP_SNAPSHOT) writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
		if (process.env.BENCH_SIZES) {
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			const avg = (f: (e: any) => number) => (engines.reduce((a, e) => a + f(e), 0) / OFFICERS).toFixed(1);
			console.log('rows', avg((e) => e.rows.n), 'rowBytes', avg((e) => e.rows.bytes), 'snaps', avg((e) => e.snaps.length), 'spare', avg((e) => e.spare.length),
				'snapBytes', avg((e) => [...e.snaps, ...e.spare].reduce((a: number, x: any) => a + x.state.bytes, 0)), 'snapSize', avg((e) => e.snaps.reduce((a: number, x: any) => a + x.state.size, 0) / Math.max(1, e.snaps.length)),
				'closed', avg((e) => e.closed.length), 'states', avg((e) => e.core.states.length), 'stops', avg((e) => e.core.stopper.stops.length),
				'inside', avg((e) => e.core.states.reduce((a: number, x: any) => a + x.inside.length, 0)), 'outbox', avg((e) => e.outbox.length), 'base', avg((e) => e.core.motion.base.cap), 'win', avg((e) => e.core.motion.window.cap), 'sorted', avg((e) => e.core.motion.sorted.length));
		}
		const closeT = timed(() => {
			for (const e of engines) events += countVisits(e.close(), closed);
		});
		const liveT = { wall: feedT.wall + closeT.wall, cpu: feedT.cpu + closeT.cpu };
		cpu.live = liveT.cpu;
		console.log(`  live engine, fixes arriving officer after officer (OfficerPresence push + advance, all rules): ${rates(total, liveT)}; ${f0(events)} events, ${f0(closed.visits)} visits, ${f0(closed.doses)} doses`);
		console.log(`  live state per officer, mid-shift (heap and typed arrays after GC, 5,000 engines less none): ${f0(perOfficer)} bytes — goal ≤ ${f0(GOAL_BYTES)}: ${met(perOfficer <= GOAL_BYTES)}`);
		engines.length = 0;
	}

	if (PARTS.has('replay')) {
		// the same live engine fed one officer's fixes after another (a replay): what the engine
		// costs when an officer's state stays in the processor's cache
		const replay = Array.from({ length: OFFICERS }, (_, o) => new OfficerPresence(NAMES[o], index, SERVER_OPTIONS));
		const replayT = timed(() => {
			for (let o = 0; o < OFFICERS; o++) {
				const e = replay[o];
				for (let k = 0; k < track.steps; k++) {
					e.push(fixAt(track, k, o));
					e.advance(T0 + k * EVERY_S * 1000 + 1000);
				}
				e.close();
			}
		});
		cpu.replay = replayT.cpu;
		console.log(`  live engine, one officer's fixes after another: ${rates(total, replayT)}`);
		replay.length = 0;
	}

	if (!PARTS.has('batch') && !PARTS.has('naive')) return;
	const all: OfficerFix[] = [];
	for (let o = 0; o < OFFICERS; o++) for (let k = 0; k < track.steps; k++) all.push(fixAt(track, k, o));
	if (PARTS.has('batch')) {
		// batch: a whole file (the CLI) or a recomputation from storage
		let batchVisits = 0;
		const batchT = timed(() => {
			batchVisits = detectVisits(all, index).visits.length;
		});
		cpu.batch = batchT.cpu;
		console.log(`  batch detectVisits (CLI, recomputation): ${rates(total, batchT)}; ${f0(batchVisits)} visits`);
		let hits = 0;
		const lookupT = timed(() => {
			for (const f of all) hits += index.inside(f.lon, f.lat, f.accuracy).length;
		});
		console.log(`  hot spot lookup alone (HotspotIndex.inside): ${rates(total, lookupT)}; ${f0(hits)} hits`);
	}

	if (!PARTS.has('naive')) return;
	const polygons = hotspots.map((h) => turfPolygon(h.polygon));
	const sample = all.filter((_, i) => i % 60 === 0);
	let naiveHits = 0;
	const naiveT = timed(() => {
		for (const f of sample) for (const p of polygons) if (booleanPointInPolygon([f.lon, f.lat], p)) naiveHits++;
	});
	console.log(`  naive loop (turf booleanPointInPolygon over all ${f0(HOTSPOTS)} hot spots, ${f0(sample.length)} of the fixes): ${rates(sample.length, naiveT)}; ${f0(naiveHits)} hits`);
	const naiveRate = sample.length / naiveT.cpu;
	const ratio = (name: string) => total / cpu[name] / naiveRate;
	console.log(`  ratio to the naive loop by CPU time, same run: ${Object.keys(cpu).map((k) => `${k} ${ratio(k).toFixed(0)}×`).join(', ')}`);
	if (cpu.live !== undefined) {
		const rate = total / cpu.live;
		console.log(`  goal: live, officers interleaved, ≥ ${f0(GOAL_RATE)} fixes per CPU-second: ${f0(rate)} — ${met(rate >= GOAL_RATE)}`);
		console.log(`  goal: live, officers interleaved, ≥ ${GOAL_RATIO}× the naive loop by CPU time: ${ratio('live').toFixed(0)}× — ${met(ratio('live') >= GOAL_RATIO)}`);
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
