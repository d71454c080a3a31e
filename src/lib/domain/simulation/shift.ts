// A whole shift of simulated officers in virtual time, with "send me" answered by the product's own
// rules (coverage state → need → the weighted pick of domain/allocation/send-me.ts), so a test can
// run an hour in a second and the demo can write its past. The live demo answers "send me" through
// the real service instead (src/lib/sim/runner.ts).
import { pickHotspot, type Candidate } from '../allocation/send-me.ts';
import { coverage } from '../coverage/state.ts';
import { haversine, type LonLat } from '../geo/geo.ts';
import { seededRandom } from '../random.ts';
import { answerSendMe, createOfficer, tick, type SimOfficer } from './officer.ts';
import { neglectedHotspots, type SimWorld } from './world.ts';

export interface ShiftOptions {
	world: SimWorld;
	officers: number;
	from: number;
	to: number;
	seed: number;
	/** the set's target interval between doses (docs/presence.md rule 10) */
	targetMs: number;
	/** share of officers in cars */
	vehicleShare?: number;
	/** live hot spots "send me" leaves alone (world.ts, neglectedHotspots) */
	neglect?: number;
	/** each officer's stretch on duty, by default the whole of [from, to) */
	duty?: (officer: number, random: () => number) => { on: number; off: number };
}

export interface ShiftRecord {
	fixes: { officer: number; t: number; lat: number; lon: number; accuracy: number }[];
	activities: { officer: number; t: number; hotspot: number; activity: string }[];
	sendMe: { officer: number; t: number; hotspot: number | null }[];
	duty: { officer: number; on: number; off: number }[];
	patrols: { officer: number; hotspot: number; end: number; insideMs: number }[];
}

const DOSE_MS = 10 * 60_000;

/** A start a few minutes' walk from a hot spot, as officers briefed at the station would be. */
export function startingPoint(world: SimWorld, random: () => number): LonLat {
	const nodes = world.graph.nodes;
	const h = world.hotspots.length > 0 ? world.hotspots[Math.floor(random() * world.hotspots.length)] : null;
	if (!h) return nodes[Math.floor(random() * nodes.length)];
	const want = 150 + random() * 250;
	const close = world.calm.filter((n) => Math.abs(haversine(nodes[n], h.centroid) - want) < 80);
	const pool = close.length > 0 ? close : world.calm.length > 0 ? world.calm : nodes.map((_, i) => i);
	return nodes[pool[Math.floor(random() * pool.length)]];
}

export function simulateShift(opts: ShiftOptions): ShiftRecord {
	const { world } = opts;
	const pick = seededRandom(opts.seed);
	const record: ShiftRecord = { fixes: [], activities: [], sendMe: [], duty: [], patrols: [] };
	const officers: SimOfficer[] = [];
	for (let i = 0; i < opts.officers; i++) {
		const random = seededRandom(opts.seed * 7919 + i + 1);
		const duty = opts.duty?.(i, random) ?? { on: opts.from, off: opts.to };
		const mode = i < Math.round(opts.officers * (opts.vehicleShare ?? 0.25)) ? 'vehicle' : 'foot';
		officers.push(createOfficer({ mode, at: startingPoint(world, random), onAt: duty.on, offAt: duty.off, random }));
		record.duty.push({ officer: i, on: officers[i].onAt, off: duty.off });
	}
	const lastDose = new Map<number, number>();
	const present = (id: number) => officers.filter((o) => o.phase.kind === 'patrol' && o.phase.hotspot === id && o.lastFix?.inside === id).length;
	const sendMe = (t: number, at: LonLat): number | null => {
		const left = new Set(neglectedHotspots(world.hotspots, t, opts.neglect ?? 0));
		const candidates: Candidate[] = world.hotspots
			.filter((h) => !left.has(h.id))
			.map((h) => ({
				id: h.id,
				metres: haversine(at, h.centroid),
				need: coverage({ windows: h.windows, targetMs: opts.targetMs, lastDoseAt: lastDose.get(h.id) ?? null, present: present(h.id) }, t).need
			}));
		return pickHotspot(candidates, pick);
	};
	for (let t = opts.from + 1000; t <= opts.to; t += 1000) {
		for (const [i, o] of officers.entries()) {
			for (const e of tick(o, world, t)) {
				if (e.kind === 'fix') record.fixes.push({ officer: i, t: e.t, lat: e.lat, lon: e.lon, accuracy: e.accuracy });
				else if (e.kind === 'activity') record.activities.push({ officer: i, t: e.t, hotspot: e.hotspot, activity: e.activity });
				else if (e.kind === 'patrol-ended') {
					record.patrols.push({ officer: i, hotspot: e.hotspot, end: e.t, insideMs: e.insideMs });
					if (e.insideMs >= DOSE_MS) lastDose.set(e.hotspot, e.t);
				} else if (e.kind === 'send-me') {
					const hotspot = sendMe(e.t, [e.lon, e.lat]);
					record.sendMe.push({ officer: i, t: e.t, hotspot });
					answerSendMe(o, world, hotspot);
				}
			}
		}
	}
	return record;
}
