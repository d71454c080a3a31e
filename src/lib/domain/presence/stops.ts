// Stops: within 30 m for at least 60 s (Traccar's trips/stops and Esri Find Dwell defaults).
// Robust to jitter in two ways: the 30 m is measured from the running centroid of the stop, not
// from its first fix (which may be the noisiest), and a single fix beyond 30 m is ignored as an
// outlier; only two in a row end the stop. An unknown interval (> 60 s without a usable fix)
// ends a stop too: nobody can say the officer stayed put through it.
import { PRESENCE_DEFAULTS, type PresenceOptions, type Stop } from './types.ts';

const RAD = Math.PI / 180;
const KY = 6_371_008.8 * RAD;

interface Run {
	start: number;
	last: number;
	lon0: number;
	lat0: number;
	kx: number;
	sx: number;
	sy: number;
	n: number;
	stop: Stop | null;
}

export type StopSink = (kind: 'stop-started' | 'stop-ended', stop: Stop) => void;

export class StopDetector {
	private readonly o: Pick<PresenceOptions, 'stopRadiusM' | 'stopMinMs'>;
	private run: Run | null = null;
	private pending: { t: number; lon: number; lat: number } | null = null;
	/** qualified stops, the ongoing one last; the owner trims what it no longer needs */
	stops: Stop[] = [];

	constructor(o: Pick<PresenceOptions, 'stopRadiusM' | 'stopMinMs'> = PRESENCE_DEFAULTS) {
		this.o = o;
	}

	update(t: number, lon: number, lat: number, gap: boolean, sink: StopSink): void {
		if (gap) this.finish(sink);
		const run = this.run;
		if (!run) {
			this.begin(t, lon, lat);
			return;
		}
		const cx = run.sx / run.n;
		const cy = run.sy / run.n;
		const dx = (lon - run.lon0) * run.kx - cx;
		const dy = (lat - run.lat0) * KY - cy;
		if (dx * dx + dy * dy <= this.o.stopRadiusM ** 2) {
			run.sx += cx + dx;
			run.sy += cy + dy;
			run.n++;
			run.last = t;
			this.pending = null;
			if (run.stop) {
				run.stop.end = t;
				this.centre(run);
			} else if (run.last - run.start >= this.o.stopMinMs) {
				run.stop = { start: run.start, end: t, lon: 0, lat: 0 };
				this.centre(run);
				this.stops.push(run.stop);
				sink('stop-started', run.stop);
			}
			return;
		}
		if (!this.pending) {
			this.pending = { t, lon, lat };
			return;
		}
		const p = this.pending;
		this.finish(sink);
		this.begin(p.t, p.lon, p.lat);
		this.update(t, lon, lat, false, sink);
	}

	/** Ends the current run (end of data, or a gap). */
	finish(sink: StopSink): void {
		if (this.run?.stop) sink('stop-ended', this.run.stop);
		this.run = null;
		this.pending = null;
	}

	get current(): Stop | null {
		return this.run?.stop ?? null;
	}

	private begin(t: number, lon: number, lat: number): void {
		this.run = { start: t, last: t, lon0: lon, lat0: lat, kx: KY * Math.cos(lat * RAD), sx: 0, sy: 0, n: 1, stop: null };
	}

	private centre(run: Run): void {
		run.stop!.lon = run.lon0 + run.sx / run.n / run.kx;
		run.stop!.lat = run.lat0 + run.sy / run.n / KY;
	}

	clone(): StopDetector {
		const c = new StopDetector(this.o);
		c.stops = this.stops.map((s) => ({ ...s }));
		if (this.run) {
			const i = this.run.stop ? this.stops.indexOf(this.run.stop) : -1;
			c.run = { ...this.run, stop: i >= 0 ? c.stops[i] : this.run.stop && { ...this.run.stop } };
		}
		c.pending = this.pending && { ...this.pending };
		return c;
	}
}
