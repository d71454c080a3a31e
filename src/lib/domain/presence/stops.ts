// Stops: within 30 m for at least 60 s (Traccar's trips/stops and Esri Find Dwell defaults).
// Robust to jitter in two ways: the 30 m is measured from the running centroid of the stop, not
// from its first fix (which may be the noisiest), and a single fix beyond 30 m is ignored as an
// outlier; only two in a row end the stop. An unknown interval (> 60 s without a usable fix)
// ends a stop too: nobody can say the officer stayed put through it.
import type { StateBuffer } from './state-buffer.ts';
import { PRESENCE_DEFAULTS, type PresenceOptions, type Stop } from './types.ts';

const START = 0;
const LAST = 1;
const LON0 = 2;
const LAT0 = 3;
const KX = 4;
const SX = 5;
const SY = 6;
const PT = 7;
const PLON = 8;
const PLAT = 9;

const RAD = Math.PI / 180;
const KY = 6_371_008.8 * RAD;

export type StopSink = (kind: 'stop-started' | 'stop-ended', stop: Stop) => void;

/** The run of fixes being tested for a stop lives in plain fields: no allocation per fix. */
export class StopDetector {
	private readonly o: Pick<PresenceOptions, 'stopRadiusM' | 'stopMinMs'>;
	private active = false;
	private n = 0;
	private stop: Stop | null = null;
	/** one fix beyond the radius is held until the next says whether it was an outlier */
	private pending = false;
	/**
	 * The run's numbers as one array of unboxed doubles (indexes below): as fields each would be a
	 * separate heap number, and with thousands of officers in turn each is a likely cache miss.
	 * sx, sy and n are the sum of positions in metres from (lon0, lat0) and their count: the
	 * centroid; pt, plon, plat the held fix.
	 */
	private readonly v: number[] = [0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // 0.5: doubles from the start
	/** qualified stops, the ongoing one last; the owner trims what it no longer needs */
	stops: Stop[] = [];

	constructor(o: Pick<PresenceOptions, 'stopRadiusM' | 'stopMinMs'> = PRESENCE_DEFAULTS) {
		this.o = o;
		this.v[START] = 0;
	}

	update(t: number, lon: number, lat: number, gap: boolean, sink: StopSink): void {
		if (gap) this.finish(sink);
		if (!this.active) {
			this.begin(t, lon, lat);
			return;
		}
		const cx = this.v[SX] / this.n;
		const cy = this.v[SY] / this.n;
		const px = (lon - this.v[LON0]) * this.v[KX];
		const py = (lat - this.v[LAT0]) * KY;
		if ((px - cx) ** 2 + (py - cy) ** 2 <= this.o.stopRadiusM ** 2) {
			this.v[SX] += px;
			this.v[SY] += py;
			this.n++;
			this.v[LAST] = t;
			this.pending = false;
			if (this.stop) {
				this.stop.end = t;
				this.centre();
			} else if (t - this.v[START] >= this.o.stopMinMs) {
				this.stop = { start: this.v[START], end: t, lon: 0, lat: 0 };
				this.centre();
				this.stops.push(this.stop);
				sink('stop-started', this.stop);
			}
			return;
		}
		if (!this.pending) {
			this.pending = true;
			this.v[PT] = t;
			this.v[PLON] = lon;
			this.v[PLAT] = lat;
			return;
		}
		const pt = this.v[PT];
		const plon = this.v[PLON];
		const plat = this.v[PLAT];
		this.finish(sink);
		this.begin(pt, plon, plat);
		this.update(t, lon, lat, false, sink);
	}

	/** Ends the current run (end of data, or a gap). */
	finish(sink: StopSink): void {
		if (this.stop) sink('stop-ended', this.stop);
		this.active = false;
		this.stop = null;
		this.pending = false;
	}

	get current(): Stop | null {
		return this.stop;
	}

	private begin(t: number, lon: number, lat: number): void {
		this.active = true;
		this.v[START] = this.v[LAST] = t;
		this.v[LON0] = lon;
		this.v[LAT0] = lat;
		this.v[KX] = KY * Math.cos(lat * RAD);
		this.v[SX] = this.v[SY] = 0;
		this.n = 1;
		this.stop = null;
	}

	private centre(): void {
		this.stop!.lon = this.v[LON0] + this.v[SX] / this.n / this.v[KX];
		this.stop!.lat = this.v[LAT0] + this.v[SY] / this.n / KY;
	}

	save(out: StateBuffer): void {
		out.write(this.active ? 1 : 0);
		out.write(this.v[START]);
		out.write(this.v[LAST]);
		out.write(this.v[LON0]);
		out.write(this.v[LAT0]);
		out.write(this.v[KX]);
		out.write(this.v[SX]);
		out.write(this.v[SY]);
		out.write(this.n);
		out.write(this.pending ? 1 : 0);
		out.write(this.v[PT]);
		out.write(this.v[PLON]);
		out.write(this.v[PLAT]);
		out.write(this.stops.length);
		for (const s of this.stops) {
			out.write(s.start);
			out.write(s.end);
			out.write(s.lon);
			out.write(s.lat);
		}
		out.write(this.stop ? this.stops.indexOf(this.stop) : -1);
	}

	restore(from: StateBuffer): void {
		this.active = from.read() === 1;
		this.v[START] = from.read();
		this.v[LAST] = from.read();
		this.v[LON0] = from.read();
		this.v[LAT0] = from.read();
		this.v[KX] = from.read();
		this.v[SX] = from.read();
		this.v[SY] = from.read();
		this.n = from.read();
		this.pending = from.read() === 1;
		this.v[PT] = from.read();
		this.v[PLON] = from.read();
		this.v[PLAT] = from.read();
		const n = from.read();
		this.stops = [];
		for (let i = 0; i < n; i++) this.stops.push({ start: from.read(), end: from.read(), lon: from.read(), lat: from.read() });
		const current = from.read();
		this.stop = current >= 0 ? this.stops[current] : null;
	}

}
