// Which hot spots a fix is inside (rule 2), at a cost that does not grow with the number of hot
// spots: a flatbush R-tree over bounding boxes grown by the largest margin (25 m) finds the
// candidates, and only those get the precise test, in metres in each hot spot's own local
// projection. Build one per published hot spot set and share it across officers.
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

export class HotspotIndex {
	readonly hotspots: readonly Hotspot[];
	readonly maxMarginM: number;
	private readonly prepared: Prepared[];
	private readonly tree: Flatbush | null;
	private qx = 0;
	private qy = 0;
	private qMargin = 0;
	private readonly test = (i: number): boolean => this.contains(i, this.qx, this.qy, this.qMargin);

	constructor(hotspots: readonly Hotspot[], maxMarginM = PRESENCE_DEFAULTS.maxMarginM) {
		this.hotspots = hotspots;
		this.maxMarginM = maxMarginM;
		this.prepared = hotspots.map(prepare);
		this.tree = hotspots.length > 0 ? new Flatbush(hotspots.length) : null;
		for (const h of hotspots) {
			const [minX, minY, maxX, maxY] = bbox(h.polygon);
			const dLat = maxMarginM / KY;
			const dLon = maxMarginM / (KY * Math.cos(Math.max(Math.abs(minY), Math.abs(maxY)) * RAD));
			this.tree!.add(minX - dLon, minY - dLat, maxX + dLon, maxY + dLat);
		}
		this.tree?.finish();
	}

	get size(): number {
		return this.hotspots.length;
	}

	/**
	 * Indexes of the hot spots whose polygon, grown by min(accuracy, maxMarginM), holds the point:
	 * inside the polygon or within that distance of its boundary (DESIGN.md presence rule 2).
	 */
	inside(lon: number, lat: number, accuracy: number): number[] {
		if (!this.tree) return [];
		this.qx = lon;
		this.qy = lat;
		this.qMargin = Math.min(Math.max(accuracy, 0), this.maxMarginM);
		return this.tree.search(lon, lat, lon, lat, this.test);
	}

	private contains(i: number, lon: number, lat: number, margin: number): boolean {
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
		if (inside) return true;
		if (margin <= 0) return false;
		const m2 = margin * margin;
		for (const r of p.rings) {
			for (let k = 0; k + 3 < r.length; k += 2) {
				if (segmentDistance2(x, y, r[k], r[k + 1], r[k + 2], r[k + 3]) <= m2) return true;
			}
		}
		return false;
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
