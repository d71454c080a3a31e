// Place-day outcomes from crime records with exact times: every assigned (experimental day, hot
// spot) gets a row — days without crime are most of the data and must be there as zeros — for the
// place itself and for its 100 m buffer (buffers.ts), in the arm the randomisation gave the place.
// Records outside the trial's days or places are counted, not silently lost.
import { EXPERIMENTAL_DAY, experimentalDay, type DayBoundary } from '../shifts/experimental-day.ts';
import { BUFFER_METRES, placeLocator, type PlacePolygon } from './buffers.ts';
import type { Arm, PlaceDay } from './types.ts';
import { fieldProblem } from './validate.ts';

export interface CrimePoint {
	lon: number;
	lat: number;
	/** epoch milliseconds */
	t: number;
	/** harm weight in days; the caller chooses the crime types (e.g. drugs left out) */
	harm: number;
}

/** One stored trial assignment, with the dose the place received that day when known. */
export interface Assignment {
	day: string;
	hotspot: string;
	arm: Arm;
	doseMinutes?: number;
	doses?: number;
}

export interface BuildOptions {
	bufferMetres: number;
	boundary: DayBoundary;
}

export interface BuiltPlaceDays {
	/** one row per assignment, ordered by day then hot spot */
	places: PlaceDay[];
	/** the same rows for each place's buffer (no dose: patrol is measured inside the place) */
	buffers: PlaceDay[];
	/** records counted in a place or buffer */
	counted: number;
	/** records near a hot spot on a day (or at a hot spot) the trial did not assign */
	unassigned: number;
	/** records in no place and no buffer */
	elsewhere: number;
	/** buffer records within 100 m of more than one hot spot (each went to the nearest) */
	sharedBuffer: number;
}

export function buildPlaceDays(
	hotspots: readonly PlacePolygon[],
	records: readonly CrimePoint[],
	assignments: readonly Assignment[],
	options: Partial<BuildOptions> = {}
): BuiltPlaceDays {
	const { bufferMetres, boundary } = { bufferMetres: BUFFER_METRES, boundary: EXPERIMENTAL_DAY, ...options };
	const known = new Set(hotspots.map((h) => h.id));
	const index = new Map<string, number>();
	const sorted = [...assignments].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.hotspot < b.hotspot ? -1 : a.hotspot > b.hotspot ? 1 : 0));
	const places: PlaceDay[] = [];
	const buffers: PlaceDay[] = [];
	for (const a of sorted) {
		for (const field of ['day', 'hotspot', 'arm', 'doseMinutes', 'doses'] as const) {
			const problem = a[field] === undefined && (field === 'doseMinutes' || field === 'doses') ? null : fieldProblem(field, a[field]);
			if (problem) throw new Error(`assignment ${a.hotspot} on ${a.day}, ${field}: ${problem}`);
		}
		if (!known.has(a.hotspot)) throw new Error(`assignment ${a.hotspot} on ${a.day}: no hot spot with that id among the ${hotspots.length} given`);
		const key = `${a.day}\u0000${a.hotspot}`;
		if (index.has(key)) throw new Error(`assignment ${a.hotspot} on ${a.day}: assigned twice`);
		index.set(key, places.length);
		const row: PlaceDay = { hotspot: a.hotspot, day: a.day, arm: a.arm, crimes: 0, harm: 0 };
		if (a.doseMinutes !== undefined) row.doseMinutes = a.doseMinutes;
		if (a.doses !== undefined) row.doses = a.doses;
		places.push(row);
		buffers.push({ hotspot: a.hotspot, day: a.day, arm: a.arm, crimes: 0, harm: 0 });
	}
	const locate = placeLocator(hotspots, bufferMetres);
	let counted = 0;
	let unassigned = 0;
	let elsewhere = 0;
	let sharedBuffer = 0;
	records.forEach((r, i) => {
		if (!(Math.abs(r.lon) <= 180 && Math.abs(r.lat) <= 90 && Number.isFinite(r.t) && r.harm >= 0 && Number.isFinite(r.harm))) {
			throw new Error(`record ${i}: expected lon, lat, t and harm ≥ 0 as numbers, got ${JSON.stringify(r)}`);
		}
		const at = locate(r.lon, r.lat);
		if (!at) {
			elsewhere++;
			return;
		}
		const row = index.get(`${experimentalDay(r.t, boundary).label}\u0000${at.hotspot}`);
		if (row === undefined) {
			unassigned++;
			return;
		}
		const target = at.zone === 'place' ? places[row] : buffers[row];
		target.crimes++;
		target.harm += r.harm;
		counted++;
		if (at.shared) sharedBuffer++;
	});
	return { places, buffers, counted, unassigned, elsewhere, sharedBuffer };
}
