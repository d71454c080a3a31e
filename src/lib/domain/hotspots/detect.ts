// Hot spot detection, pure: crime records in; significant, harm-weighted hot spots with time
// windows and a plain-English "why" out. Linear in records and cells (see `npm run bench`).
import { DateTime } from 'luxon';
import { bbox, localProjection, project, unproject, type LonLat, type PolygonCoords } from '../geo/geo.ts';
import type { CrimeColumns } from './columns.ts';
import { monthLabel } from './columns.ts';
import { concentration, type Concentration } from './concentration.ts';
import { giStar } from './gistar.ts';
import { makeGrid, type CellShape } from './grid.ts';
import { mergeCells } from './merge.ts';
import { mostCommonName } from './names.ts';
import { outline } from './outline.ts';
import { HOURS_PER_WEEK, hourOfWeekIn, peakWindows } from './profile.ts';
import { convexHull, type Ring } from './study-area.ts';
import type { HotspotFeature, Window } from './types.ts';
import { explain } from './why.ts';
import { dayNightWindows } from './windows.ts';

export interface DetectOptions {
	/** cell size in metres: a square's side or a hexagon's side (DESIGN.md: 150 m squares) */
	cellM: number;
	shape: CellShape;
	/** DESIGN.md: 12 months; 3–24 allowed */
	lookbackMonths: number;
	/** end of the look-back (epoch ms, inclusive); default the latest record */
	until: number | null;
	/** categories to use; null = every category except `excluded` */
	types: string[] | null;
	/** proactively found offences (drugs), left out unless named in `types` */
	excluded: string[];
	metric: 'harm' | 'count';
	/** FDR level */
	alpha: number;
	maxCells: number;
	/**
	 * a hot spot must hold at least this many records: Gi*'s normal approximation overstates
	 * significance on sparse counts (two robberies in one cell of an empty city look "significant")
	 */
	minCrimes: number;
	top: number | null;
	tz: string;
	windows: 'auto' | 'day-night' | 'profile';
	/** the force's area (lon/lat polygons); default the convex hull of the records' cells */
	area: PolygonCoords[] | null;
	/** places where patrols make no sense: records and cells inside are left out */
	exclusions: PolygonCoords[];
}

export const DETECT_DEFAULTS: DetectOptions = {
	cellM: 150,
	shape: 'square',
	lookbackMonths: 12,
	until: null,
	types: null,
	excluded: ['Drugs'],
	metric: 'harm',
	alpha: 0.05,
	maxCells: 4,
	minCrimes: 5,
	top: null,
	tz: 'Europe/London',
	windows: 'auto',
	area: null,
	exclusions: []
};

export interface DetectResult {
	hotspots: HotspotFeature[];
	concentration: Concentration;
	study: {
		records: number;
		cells: number;
		from: string;
		to: string;
		totalHarm: number;
		totalCrimes: number;
		timed: boolean;
	};
}

const MAX_CELLS = 25_000_000;

export function detectHotspots(data: CrimeColumns, options: Partial<DetectOptions> = {}): DetectResult {
	const o: DetectOptions = { ...DETECT_DEFAULTS, ...options };
	const selectedCat = new Uint8Array(Math.max(1, data.categories.length));
	data.categories.forEach((c, i) => {
		selectedCat[i] = (o.types ? o.types.includes(c) : !o.excluded.includes(c)) ? 1 : 0;
	});

	// --- look-back: ends at the latest selected record unless told -----------------------------
	let latestT = -Infinity;
	let latestMonth = -1;
	let earliestMonth = Infinity;
	for (let i = 0; i < data.n; i++) {
		if (!selectedCat[data.cat[i]]) continue;
		if (data.t[i] > latestT) latestT = data.t[i];
		if (data.month[i] > latestMonth) latestMonth = data.month[i];
		if (data.month[i] < earliestMonth) earliestMonth = data.month[i];
	}
	const untilMs = o.until ?? (Number.isFinite(latestT) ? latestT : null);
	const untilMonth = o.until !== null ? monthOf(o.until, o.tz) : latestMonth;
	const fromMs = untilMs !== null ? DateTime.fromMillis(untilMs, { zone: o.tz }).minus({ months: o.lookbackMonths }).toMillis() : -Infinity;
	const prevFromMs = untilMs !== null ? DateTime.fromMillis(untilMs, { zone: o.tz }).minus({ months: 2 * o.lookbackMonths }).toMillis() : -Infinity;
	const fromMonth = untilMonth - o.lookbackMonths + 1;
	const prevFromMonth = fromMonth - o.lookbackMonths;
	// 0 = outside, 1 = look-back, 2 = the period before it (for the trend)
	const period = (i: number): 0 | 1 | 2 => {
		const t = data.t[i];
		if (!Number.isNaN(t) && untilMs !== null) return t > untilMs ? 0 : t > fromMs ? 1 : t > prevFromMs ? 2 : 0;
		const m = data.month[i];
		return m > untilMonth ? 0 : m >= fromMonth ? 1 : m >= prevFromMonth ? 2 : 0;
	};

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
			if (evenOdd(exclusionRings[e], x, y)) return true;
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
		study: { records: 0, cells: 0, from: monthLabel(Math.max(0, fromMonth)), to: monthLabel(Math.max(0, untilMonth)), totalHarm: 0, totalCrimes: 0, timed: false }
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
			if (exclusionRings.some((rings) => evenOdd(rings, x, y))) mask[k] = 0;
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
		study: { records: cur.length, cells: studyCells, from: monthLabel(Math.max(fromMonth, firstMonth)), to: monthLabel(untilMonth), totalHarm: round2(totalHarm), totalCrimes, timed }
	};
}

function monthOf(t: number, tz: string): number {
	const d = DateTime.fromMillis(t, { zone: tz });
	return d.year * 12 + d.month - 1;
}

function tally(values: string[]): [string, number][] {
	const m = new Map<string, number>();
	for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
	return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const roundLL = (p: LonLat): LonLat => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];

function evenOdd(rings: Ring[], x: number, y: number): boolean {
	let inside = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i];
			const [xj, yj] = ring[j];
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

/**
 * Marks cells whose centre lies inside the rings, row by row: each row's crossings with the ring
 * edges give the inside spans, so the cost is rows × edges + cells rather than cells × edges.
 * For the convex hull, a half-cell tolerance keeps boundary cells in.
 */
function fillMask(mask: Uint8Array, W: number, H: number, centre: (k: number) => [number, number], rings: Ring[], hull: boolean, cellM: number): void {
	const tol = hull ? cellM * 0.5 : 0;
	for (let r = 0; r < H; r++) {
		const y = centre(r * W)[1];
		const xs: number[] = [];
		for (const ring of rings) {
			if (hull && ring.length < 3) {
				for (const [px, py] of ring) if (Math.abs(py - y) <= tol) xs.push(px - tol, px + tol);
				continue;
			}
			for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
				const [xi, yi] = ring[i];
				const [xj, yj] = ring[j];
				if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
			}
		}
		xs.sort((a, b) => a - b);
		for (let s = 0; s + 1 < xs.length; s += 2) {
			const lo = xs[s] - tol;
			const hi = xs[s + 1] + tol;
			for (let c = 0; c < W; c++) {
				const x = centre(r * W + c)[0];
				if (x >= lo && x <= hi) mask[r * W + c] = 1;
			}
		}
	}
}
