// Which hot spots a fix is inside (rule 2), at a cost that does not grow with the number of hot
// spots: a flatbush R-tree over bounding boxes grown by the widest band (25 m + 15 m) finds the
// candidates, and only those get the precise test, in metres in each hot spot's own local
// projection. Build one per published hot spot set and share it across officers; each officer's
// engine keeps a HotspotCursor, which remembers the candidates around its last query so that a
// walker touches the tree about once every 20 fixes rather than every fix.
import Flatbush from 'flatbush';
import { bbox, EARTH_RADIUS_M } from '../geo/geo.ts';
import { PRESENCE_DEFAULTS, type Hotspot } from './types.ts';

const RAD = Math.PI / 180;
const KY = EARTH_RADIUS_M * RAD;

interface Prepared {
	lon0: number;
	lat0: number;
	kx: number;
	/** each ring as x0,y0,x1,y1,… in metres from (lon0, lat0), closed */
	rings: Float64Array[];
}

/** What a fix is to a hot spot (rule 2): outside, inside only the wider band that keeps a visit, or inside. */
export const OUT = 0;
export const STAY = 1;
export const IN = 2;

export class HotspotIndex {
	readonly hotspots: readonly Hotspot[];
	readonly maxMarginM: number;
	/** the band that keeps an open visit reaches this much further than the margin (rule 2) */
	readonly stayExtraM: number;
	private readonly prepared: Prepared[];
	private readonly tree: Flatbush | null;
	/** bounding boxes grown by maxMarginM + stayExtraM: minLon, minLat, maxLon, maxLat per hot spot */
	readonly boxes: Float64Array;
	private qx = 0;
	private qy = 0;
	private qMargin = 0;
	private readonly test = (i: number): boolean => this.contains(i, this.qx, this.qy, this.qMargin);

	constructor(hotspots: readonly Hotspot[], maxMarginM = PRESENCE_DEFAULTS.maxMarginM, stayExtraM = PRESENCE_DEFAULTS.stayExtraM) {
		this.hotspots = hotspots;
		this.maxMarginM = maxMarginM;
		this.stayExtraM = stayExtraM;
		this.prepared = hotspots.map(prepare);
		this.tree = hotspots.length > 0 ? new Flatbush(hotspots.length) : null;
		this.boxes = new Float64Array(hotspots.length * 4);
		hotspots.forEach((h, i) => {
			const [minX, minY, maxX, maxY] = bbox(h.polygon);
			const reach = maxMarginM + stayExtraM;
			const dLat = reach / KY;
			const dLon = reach / (KY * Math.cos(Math.max(Math.abs(minY), Math.abs(maxY)) * RAD));
			this.boxes.set([minX - dLon, minY - dLat, maxX + dLon, maxY + dLat], i * 4);
			this.tree!.add(minX - dLon, minY - dLat, maxX + dLon, maxY + dLat);
		});
		this.tree?.finish();
	}

	/** Hot spots whose grown bounding box meets the box given (candidates, not yet tested). */
	candidates(minLon: number, minLat: number, maxLon: number, maxLat: number): number[] {
		return this.tree ? this.tree.search(minLon, minLat, maxLon, maxLat) : [];
	}

	get size(): number {
		return this.hotspots.length;
	}

	/**
	 * Indexes of the hot spots whose polygon, grown by min(accuracy, maxMarginM), holds the point:
	 * inside the polygon or within that distance of its boundary (docs/presence.md rule 2).
	 */
	inside(lon: number, lat: number, accuracy: number): number[] {
		if (!this.tree) return [];
		this.qx = lon;
		this.qy = lat;
		this.qMargin = Math.min(Math.max(accuracy, 0), this.maxMarginM);
		return this.tree.search(lon, lat, lon, lat, this.test);
	}

	/** The precise test for hot spot i with a margin in metres (already capped). */
	contains(i: number, lon: number, lat: number, margin: number): boolean {
		return this.level(i, lon, lat, margin, margin) === IN;
	}

	/**
	 * IN when the point is inside hot spot i's polygon or within `margin` metres of its boundary,
	 * STAY when within `stay` metres (≥ margin) only, else OUT (rule 2).
	 */
	level(i: number, lon: number, lat: number, margin: number, stay: number): number {
		const p = this.prepared[i];
		const x = (lon - p.lon0) * p.kx;
		const y = (lat - p.lat0) * KY;
		let inside = false;
		for (const r of p.rings) {
			for (let k = 0, j = r.length - 2; k < r.length; j = k, k += 2) {
				const xi = r[k];
				const yi = r[k + 1];
				const xj = r[j];
				const yj = r[j + 1];
				if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
			}
		}
		if (inside) return IN;
		if (stay <= 0) return OUT;
		const m2 = margin * margin;
		let best = Infinity;
		for (const r of p.rings) {
			for (let k = 0; k + 3 < r.length; k += 2) {
				const d2 = segmentDistance2(x, y, r[k], r[k + 1], r[k + 2], r[k + 3]);
				if (d2 <= m2) return IN;
				if (d2 < best) best = d2;
			}
		}
		return best <= stay * stay ? STAY : OUT;
	}
}

function prepare(h: Hotspot): Prepared {
	const [minX, minY, maxX, maxY] = bbox(h.polygon);
	const lon0 = (minX + maxX) / 2;
	const lat0 = (minY + maxY) / 2;
	const kx = KY * Math.cos(lat0 * RAD);
	const rings = h.polygon.map((open) => {
		const unclosed = open.length > 0 && (open[0][0] !== open.at(-1)![0] || open[0][1] !== open.at(-1)![1]);
		const ring = unclosed ? [...open, open[0]] : open;
		const a = new Float64Array(ring.length * 2);
		ring.forEach(([lon, lat], i) => {
			a[2 * i] = (lon - lon0) * kx;
			a[2 * i + 1] = (lat - lat0) * KY;
		});
		return a;
	});
	return { lon0, lat0, kx, rings };
}

function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
	const dx = bx - ax;
	const dy = by - ay;
	const len2 = dx * dx + dy * dy;
	let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	const x = ax + t * dx - px;
	const y = ay + t * dy - py;
	return x * x + y * y;
}

/**
 * One officer's view of the index: the candidates within `reachM` of where it last looked. A fix
 * still inside that box can only be inside those hot spots, so the tree is asked again only when
 * the officer leaves the box. Purely a cache: results are the same as HotspotIndex.inside.
 */
export class HotspotCursor {
	private readonly index: HotspotIndex;
	private readonly reachLat: number;
	private readonly reachLon: number;
	private box = [NaN, NaN, NaN, NaN];
	private near: number[] = [];

	constructor(index: HotspotIndex, reachM = 150) {
		this.index = index;
		const lat = index.hotspots.length > 0 ? (index.boxes[1] + index.boxes[3]) / 2 : 0;
		// any reach gives the same answers (a fix in the box can only meet boxes that meet the box);
		// 150 m keeps the candidate list short and a walker in the box for a minute or more
		this.reachLat = reachM / KY;
		this.reachLon = reachM / (KY * Math.cos(Math.min(Math.abs(lat), 89) * RAD));
	}

	/**
	 * Fills `out` with the indexes of the hot spots the fix is inside or in the band that keeps a
	 * visit, and `levels` with IN or STAY for each; returns how many.
	 */
	inside(lon: number, lat: number, accuracy: number, out: number[], levels: number[]): number {
		const b = this.box;
		if (!(lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3])) {
			b[0] = lon - this.reachLon;
			b[1] = lat - this.reachLat;
			b[2] = lon + this.reachLon;
			b[3] = lat + this.reachLat;
			this.near = this.index.candidates(b[0], b[1], b[2], b[3]);
		}
		const boxes = this.index.boxes;
		const margin = Math.min(Math.max(accuracy, 0), this.index.maxMarginM);
		const stay = margin + this.index.stayExtraM;
		let n = 0;
		for (const i of this.near) {
			const k = i * 4;
			if (lon < boxes[k] || lat < boxes[k + 1] || lon > boxes[k + 2] || lat > boxes[k + 3]) continue;
			const level = this.index.level(i, lon, lat, margin, stay);
			if (level === OUT) continue;
			levels[n] = level;
			out[n++] = i;
		}
		return n;
	}
}
