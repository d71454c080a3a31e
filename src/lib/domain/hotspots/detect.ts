// Hot spot detection, pure: crime records in; significant, harm-weighted hot spots with time
// windows and a plain-English "why" out. Linear in records and cells (see `npm run bench`).
import { bbox, localProjection, project, unproject, type LonLat, type PolygonCoords } from '../geo/geo.ts';
import type { CrimeColumns } from './columns.ts';
import { monthLabel } from './columns.ts';
import { concentration } from './concentration.ts';
import { DETECT_DEFAULTS, type DetectOptions, type DetectResult } from './detect-options.ts';
import { giStar } from './gistar.ts';
import { makeGrid } from './grid.ts';
import { lookback } from './lookback.ts';
import { mergeCells } from './merge.ts';
import { mostCommonName } from './names.ts';
import { outline } from './outline.ts';
import { HOURS_PER_WEEK, hourOfWeekIn, peakWindows } from './profile.ts';
import { convexHull, fillMask, inRings, type Ring } from './study-area.ts';
import type { HotspotFeature, Window } from './types.ts';
import { explain } from './why.ts';
import { dayNightWindows } from './windows.ts';

export { DETECT_DEFAULTS, type DetectOptions, type DetectResult };

const MAX_CELLS = 25_000_000;

export function detectHotspots(data: CrimeColumns, options: Partial<DetectOptions> = {}): DetectResult {
	const o: DetectOptions = { ...DETECT_DEFAULTS, ...options };
	const selectedCat = new Uint8Array(Math.max(1, data.categories.length));
	data.categories.forEach((c, i) => {
		selectedCat[i] = (o.types ? o.types.includes(c) : !o.excluded.includes(c)) ? 1 : 0;
	});

	const { period, fromMonth, untilMonth, prevFromMonth, earliestMonth } = lookback(data, selectedCat, o);

	// --- projection and exclusions --------------------------------------------------------------
	let latSum = 0;
	let latN = 0;
	for (let i = 0; i < data.n; i++) if (selectedCat[data.cat[i]] && period(i) === 1) (latSum += data.lat[i]), latN++;
	// the records analysed set the scale; rounding keeps the grid (and hot spot ids) stable as
	// more of the same area's data is added
	const proj = localProjection(latN ? Math.round((latSum / latN) * 2) / 2 : 0, 0);
	const grid = makeGrid(o.shape, o.cellM);
	const toRings = (p: PolygonCoords): Ring[] => p.map((ring) => ring.map(([lon, lat]) => project(proj, lon, lat)));
	const exclusionRings = o.exclusions.map(toRings);
	const exclusionBoxes = o.exclusions.map((p) => bbox(p));
	const excluded = (lon: number, lat: number) => {
		for (let e = 0; e < exclusionRings.length; e++) {
			const b = exclusionBoxes[e];
			if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3]) continue;
			const [x, y] = project(proj, lon, lat);
			if (inRings(exclusionRings[e], x, y)) return true;
		}
		return false;
	};

	// --- records to cells ---------------------------------------------------------------------
	const cur: number[] = [];
	const prev: number[] = [];
	const cellOfRecord = new Int32Array(data.n);
	const col = new Int32Array(data.n);
	const row = new Int32Array(data.n);
	let minC = Infinity;
	let minR = Infinity;
	let maxC = -Infinity;
	let maxR = -Infinity;
	for (let i = 0; i < data.n; i++) {
		if (!selectedCat[data.cat[i]]) continue;
		const p = period(i);
		if (p === 0) continue;
		if (exclusionRings.length && excluded(data.lon[i], data.lat[i])) continue;
		const [x, y] = project(proj, data.lon[i], data.lat[i]);
		const [c, r] = grid.cellOf(x, y);
		col[i] = c;
		row[i] = r;
		if (p === 1) {
			cur.push(i);
			if (c < minC) minC = c;
			if (c > maxC) maxC = c;
			if (r < minR) minR = r;
			if (r > maxR) maxR = r;
		} else prev.push(i);
	}
	const empty: DetectResult = {
		hotspots: [],
		concentration: concentration([]),
		study: { records: 0, cells: 0, from: monthLabel(Math.max(0, fromMonth)), to: monthLabel(Math.max(0, untilMonth)), totalHarm: 0, totalCrimes: 0, timed: false, significant: 0 }
	};
	if (cur.length === 0) return empty;
	// a margin of empty cells; neighbour offsets use absolute rows, so hexagon parity is kept
	minR -= 2;
	minC -= 2;
	maxC += 2;
	maxR += 2;
	const W = maxC - minC + 1;
	const H = maxR - minR + 1;
	if (W * H > MAX_CELLS) {
		throw new Error(`the records span ${W} × ${H} cells of ${o.cellM} m; narrow the area or use bigger cells`);
	}
	const index = (c: number, r: number) => (r - minR) * W + (c - minC);
	const count = new Float64Array(W * H);
	const harm = new Float64Array(W * H);
	const prevCount = new Float64Array(W * H);
	let timedRecords = 0;
	let firstMonth = Infinity;
	for (const i of cur) {
		if (data.month[i] < firstMonth) firstMonth = data.month[i];
		const k = index(col[i], row[i]);
		cellOfRecord[i] = k;
		count[k]++;
		harm[k] += data.harm[i];
		if (!Number.isNaN(data.t[i])) timedRecords++;
	}
	for (const i of prev) {
		const c = col[i];
		const r = row[i];
		if (c < minC || c > maxC || r < minR || r > maxR) continue;
		prevCount[index(c, r)]++;
	}

	// --- study area mask ------------------------------------------------------------------------
	const centre = (k: number) => grid.centre((k % W) + minC, Math.floor(k / W) + minR);
	const mask = new Uint8Array(W * H);
	const areaRings: Ring[] = o.area ? o.area.flatMap(toRings) : [convexHull([...new Set(cur.map((i) => cellOfRecord[i]))].map(centre))];
	fillMask(mask, W, H, (k) => centre(k), areaRings, !o.area, o.cellM);
	for (let k = 0; k < W * H; k++) {
		if (count[k] > 0 && !o.area) mask[k] = 1; // hull rounding must never drop a cell with records
		if (mask[k] && exclusionRings.length) {
			const [x, y] = centre(k);
			if (exclusionRings.some((rings) => inRings(rings, x, y))) mask[k] = 0;
		}
	}
	const value = o.metric === 'harm' ? harm : count;

	// --- significance and hot spots -----------------------------------------------------------
	const g = giStar(value, mask, W, H, (r) => grid.queenOffsets(r + minR));
	const qualifying: number[] = [];
	let totalHarm = 0;
	let totalCrimes = 0;
	for (let k = 0; k < W * H; k++) {
		if (!mask[k]) continue;
		totalHarm += harm[k];
		totalCrimes += count[k];
		if (g.z[k] > 0 && g.p[k] < o.alpha && value[k] > 0) qualifying.push(k);
	}
	const groups = mergeCells(
		qualifying,
		value,
		count,
		W,
		(c, r) => grid.edgeNeighbours(c + minC, r + minR).map(([cc, rr]) => [cc - minC, rr - minR]),
		H,
		o.maxCells
	);
	const groupOf = new Int32Array(W * H).fill(-1);
	groups.forEach((cells, gi) => cells.forEach((k) => (groupOf[k] = gi)));
	const members: number[][] = groups.map(() => []);
	for (const i of cur) {
		const gi = groupOf[cellOfRecord[i]];
		if (gi >= 0) members[gi].push(i);
	}

	// --- windows: the area's hour-of-week profile is the prior for each hot spot's peaks --------
	const timed = timedRecords >= 0.8 * cur.length;
	const useProfile = o.windows === 'profile' || (o.windows === 'auto' && timed);
	const how = hourOfWeekIn(o.tz);
	let areaProfile: Float64Array | null = null;
	if (useProfile) {
		areaProfile = new Float64Array(HOURS_PER_WEEK);
		for (const i of cur) if (!Number.isNaN(data.t[i])) areaProfile[how(data.t[i])] += o.metric === 'harm' ? data.harm[i] : 1;
	}

	const features = groups.map((cells, gi) => {
		const recs = members[gi];
		const crimes = recs.length;
		const hsHarm = cells.reduce((s, k) => s + harm[k], 0);
		const rings = outline(cells.map((k) => grid.corners((k % W) + minC, Math.floor(k / W) + minR)));
		const polygon: PolygonCoords = rings.map((ring) => {
			const ll = ring.map(([x, y]) => roundLL(unproject(proj, x, y)));
			return [...ll, ll[0]];
		});
		const cx = cells.reduce((s, k) => s + centre(k)[0], 0) / cells.length;
		const cy = cells.reduce((s, k) => s + centre(k)[1], 0) / cells.length;
		let windows: Window[] = dayNightWindows(o.tz);
		let profile: Float64Array | null = null;
		if (useProfile) {
			profile = new Float64Array(HOURS_PER_WEEK);
			for (const i of recs) if (!Number.isNaN(data.t[i])) profile[how(data.t[i])] += o.metric === 'harm' ? data.harm[i] : 1;
			const peak = peakWindows(profile, areaProfile, o.tz);
			if (peak.length > 0) windows = peak;
		}
		const seed = cells[0];
		return {
			cells,
			recs,
			crimes,
			harm: hsHarm,
			value: cells.reduce((s, k) => s + value[k], 0),
			z: Math.max(...cells.map((k) => g.z[k])),
			p: Math.min(...cells.map((k) => g.p[k])),
			prev: cells.reduce((s, k) => s + prevCount[k], 0),
			polygon,
			centroid: roundLL(unproject(proj, cx, cy)),
			windows,
			profile,
			key: `${o.shape === 'square' ? 'sq' : 'hx'}${o.cellM}-${(seed % W) + minC}_${Math.floor(seed / W) + minR}`,
			name: mostCommonName(recs.map((i) => (data.place[i] >= 0 ? data.places[data.place[i]] : null)))
		};
	});
	const eligible = features.filter((f) => f.crimes >= o.minCrimes);
	eligible.sort((a, b) => b.value - a.value || b.crimes - a.crimes || a.key.localeCompare(b.key));
	const kept = o.top !== null ? eligible.slice(0, o.top) : eligible;
	// a trend needs the whole earlier period on record, or a half-covered period reads as a rise
	const trendable = prev.length > 0 && earliestMonth <= prevFromMonth;
	const studyCells = g.n;

	const hotspots: HotspotFeature[] = kept.map((f, n) => {
		const rank = n + 1;
		return {
			key: f.key,
			rank,
			name: f.name ?? `Hot spot ${rank}`,
			polygon: f.polygon,
			centroid: f.centroid,
			bbox: bbox(f.polygon),
			crimes: f.crimes,
			harm: round2(f.harm),
			z: round2(f.z),
			p: f.p,
			windows: f.windows,
			why: explain({
				name: f.name ?? `Hot spot ${rank}`,
				rank,
				of: eligible.length,
				crimes: f.crimes,
				harm: f.harm,
				totalHarm,
				cells: f.cells.length,
				studyCells,
				byCategory: tally(f.recs.map((i) => data.categories[data.cat[i]])),
				lookbackMonths: o.lookbackMonths,
				from: monthLabel(Math.max(fromMonth, firstMonth)),
				until: monthLabel(untilMonth),
				windows: f.windows,
				profile: f.profile,
				timed,
				previous: trendable ? f.prev : null,
				z: f.z,
				p: f.p,
				metric: o.metric
			})
		};
	});

	return {
		hotspots,
		concentration: concentration(value, mask),
		study: { records: cur.length, cells: studyCells, from: monthLabel(Math.max(fromMonth, firstMonth)), to: monthLabel(untilMonth), totalHarm: round2(totalHarm), totalCrimes, timed, significant: eligible.length }
	};
}

function tally(values: string[]): [string, number][] {
	const m = new Map<string, number>();
	for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
	return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const roundLL = (p: LonLat): LonLat => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
