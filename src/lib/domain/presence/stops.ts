// Stops: within 30 m for at least 60 s (Traccar's trips/stops and Esri Find Dwell defaults).
// Robust to jitter in two ways: the 30 m is measured from the running centroid of the stop, not
// from its first fix (which may be the noisiest), and a single fix beyond 30 m is ignored as an
// outlier; only two in a row end the stop. An unknown interval (> 60 s without a usable fix)
// ends a stop too: nobody can say the officer stayed put through it.
import type { StateBuffer } from './state-buffer.ts';
import { PRESENCE_DEFAULTS, type PresenceOptions, type Stop } from './types.ts';

const RAD = Math.PI / 180;
const KY = 6_371_008.8 * RAD;

export type StopSink = (kind: 'stop-started' | 'stop-ended', stop: Stop) => void;

/** The run of fixes being tested for a stop lives in plain fields: no allocation per fix. */
export class StopDetector {
	private readonly o: Pick<PresenceOptions, 'stopRadiusM' | 'stopMinMs'>;
	private active = false;
	private start = 0;
	private last = 0;
	private lon0 = 0;
	private lat0 = 0;
	private kx = 0;
	/** sum of positions in metres from (lon0, lat0), and their count: the centroid */
	private sx = 0;
	private sy = 0;
	private n = 0;
	private stop: Stop | null = null;
	/** one fix beyond the radius, held until the next says whether it was an outlier */
	private pending = false;
	private pt = 0;
	private plon = 0;
	private plat = 0;
	/** qualified stops, the ongoing one last; the owner trims what it no longer needs */
	stops: Stop[] = [];

	constructor(o: Pick<PresenceOptions, 'stopRadiusM' | 'stopMinMs'> = PRESENCE_DEFAULTS) {
		this.o = o;
	}

	update(t: number, lon: number, lat: number, gap: boolean, sink: StopSink): void {
		if (gap) this.finish(sink);
		if (!this.active) {
			this.begin(t, lon, lat);
			return;
		}
		const cx = this.sx / this.n;
		const cy = this.sy / this.n;
		const px = (lon - this.lon0) * this.kx;
		const py = (lat - this.lat0) * KY;
		if ((px - cx) ** 2 + (py - cy) ** 2 <= this.o.stopRadiusM ** 2) {
			this.sx += px;
			this.sy += py;
			this.n++;
			this.last = t;
			this.pending = false;
			if (this.stop) {
				this.stop.end = t;
				this.centre();
			} else if (t - this.start >= this.o.stopMinMs) {
				this.stop = { start: this.start, end: t, lon: 0, lat: 0 };
				this.centre();
				this.stops.push(this.stop);
				sink('stop-started', this.stop);
			}
			return;
		}
		if (!this.pending) {
			this.pending = true;
			this.pt = t;
			this.plon = lon;
			this.plat = lat;
			return;
		}
		const pt = this.pt;
		const plon = this.plon;
		const plat = this.plat;
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
		this.start = this.last = t;
		this.lon0 = lon;
		this.lat0 = lat;
		this.kx = KY * Math.cos(lat * RAD);
		this.sx = this.sy = 0;
		this.n = 1;
		this.stop = null;
	}

	private centre(): void {
		this.stop!.lon = this.lon0 + this.sx / this.n / this.kx;
		this.stop!.lat = this.lat0 + this.sy / this.n / KY;
	}

	save(out: StateBuffer): void {
		out.write(this.active ? 1 : 0);
		out.write(this.start);
		out.write(this.last);
		out.write(this.lon0);
		out.write(this.lat0);
		out.write(this.kx);
		out.write(this.sx);
		out.write(this.sy);
		out.write(this.n);
		out.write(this.pending ? 1 : 0);
		out.write(this.pt);
		out.write(this.plon);
		out.write(this.plat);
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
		this.start = from.read();
		this.last = from.read();
		this.lon0 = from.read();
		this.lat0 = from.read();
		this.kx = from.read();
		this.sx = from.read();
		this.sy = from.read();
		this.n = from.read();
		this.pending = from.read() === 1;
		this.pt = from.read();
		this.plon = from.read();
		this.plat = from.read();
		const n = from.read();
		this.stops = [];
		for (let i = 0; i < n; i++) this.stops.push({ start: from.read(), end: from.read(), lon: from.read(), lat: from.read() });
		const current = from.read();
		this.stop = current >= 0 ? this.stops[current] : null;
	}

}
