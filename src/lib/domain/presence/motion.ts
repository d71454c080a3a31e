// Foot or vehicle, from the 95th percentile of speed over a sliding 60 s window (DESIGN.md
// defaults: ≤ 2.5 m/s foot, Bohannon 1997's fast gait; ≥ 4.2 m/s vehicle; between: unknown).
//
// Speed is the device's (Doppler, not disturbed by position noise) when it sends one. Otherwise
// it comes from positions, made robust in two ways: (1) over a baseline of at least 30 s, the
// shortest available, so 10 m of noise is divided by 30 s, not by the 1–5 s between fixes; and
// (2) with the noise taken out in quadrature: the observed displacement d is the true one plus
// the difference of two independent errors, so |true|² ≈ d² − (a₁² + a₂²) where a is each fix's
// stated accuracy (a 68 % radius, a² ≈ 2.3σ², a little more than the 2σ² each error adds).
// A standing officer then reads under 1 m/s, while real movement keeps almost all of its speed
// (a jogger at 3.3 m/s reads 3.2), so the thresholds keep their meaning.
import { PRESENCE_DEFAULTS, type Mode, type PresenceOptions } from './types.ts';

const RAD = Math.PI / 180;
const R = 6_371_008.8;

export function metres(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const x = (lon2 - lon1) * RAD * Math.cos(((lat1 + lat2) / 2) * RAD);
	const y = (lat2 - lat1) * RAD;
	return Math.sqrt(x * x + y * y) * R;
}

type MotionOptions = Pick<PresenceOptions, 'modeWindowMs' | 'footMaxMps' | 'vehicleMinMps' | 'speedBaselineMs' | 'modeMinSamples'>;

export class MotionClassifier {
	private readonly o: MotionOptions;
	// recent fixes of the current known segment, for the position baseline
	private bt: number[] = [];
	private bx: number[] = [];
	private by: number[] = [];
	private ba: number[] = [];
	private bHead = 0;
	// speed samples in the window, in arrival order and sorted
	private wt: number[] = [];
	private wv: number[] = [];
	private wHead = 0;
	private sorted: number[] = [];
	mode: Mode = 'unknown';

	constructor(o: MotionOptions = PRESENCE_DEFAULTS) {
		this.o = o;
	}

	/** A usable fix in device-time order; `gap` when the interval before it was unknown. Returns the mode at t. */
	update(t: number, lon: number, lat: number, accuracy: number, speed: number | null | undefined, gap: boolean): Mode {
		if (gap) {
			this.bt.length = this.bx.length = this.by.length = this.ba.length = 0;
			this.bHead = 0;
		}
		const bt = this.bt;
		while (this.bHead + 1 < bt.length && t - bt[this.bHead + 1] >= this.o.speedBaselineMs) this.bHead++;
		let v: number | null = null;
		if (typeof speed === 'number' && speed >= 0 && Number.isFinite(speed)) v = speed;
		else if (bt.length > this.bHead && t - bt[this.bHead] >= this.o.speedBaselineMs) {
			const i = this.bHead;
			const d2 = metres(this.bx[i], this.by[i], lon, lat) ** 2 - this.ba[i] ** 2 - accuracy ** 2;
			v = Math.sqrt(Math.max(0, d2)) / ((t - bt[i]) / 1000);
		}
		bt.push(t);
		this.bx.push(lon);
		this.by.push(lat);
		this.ba.push(accuracy);
		if (this.bHead > 32 && this.bHead * 2 > bt.length) this.compactBaseline();

		while (this.wHead < this.wt.length && this.wt[this.wHead] <= t - this.o.modeWindowMs) {
			this.removeSorted(this.wv[this.wHead]);
			this.wHead++;
		}
		if (this.wHead > 32 && this.wHead * 2 > this.wt.length) {
			this.wt = this.wt.slice(this.wHead);
			this.wv = this.wv.slice(this.wHead);
			this.wHead = 0;
		}
		if (v !== null) {
			this.wt.push(t);
			this.wv.push(v);
			this.insertSorted(v);
		}
		this.mode = this.classify();
		return this.mode;
	}

	/** 95th percentile (nearest rank) of the window's speeds, or null with too few samples. */
	p95(): number | null {
		const n = this.sorted.length;
		if (n < this.o.modeMinSamples || n === 0) return null;
		return this.sorted[Math.ceil(0.95 * n) - 1];
	}

	private classify(): Mode {
		const p = this.p95();
		if (p === null) return 'unknown';
		if (p <= this.o.footMaxMps) return 'foot';
		if (p >= this.o.vehicleMinMps) return 'vehicle';
		return 'unknown';
	}

	private insertSorted(v: number): void {
		const s = this.sorted;
		s.push(v);
		let i = s.length - 1;
		while (i > 0 && s[i - 1] > v) {
			s[i] = s[i - 1];
			i--;
		}
		s[i] = v;
	}

	private removeSorted(v: number): void {
		const s = this.sorted;
		let lo = 0;
		let hi = s.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (s[mid] < v) lo = mid + 1;
			else hi = mid;
		}
		for (let i = lo; i < s.length - 1; i++) s[i] = s[i + 1];
		s.pop();
	}

	private compactBaseline(): void {
		const h = this.bHead;
		this.bt = this.bt.slice(h);
		this.bx = this.bx.slice(h);
		this.by = this.by.slice(h);
		this.ba = this.ba.slice(h);
		this.bHead = 0;
	}

	clone(): MotionClassifier {
		const c = new MotionClassifier(this.o);
		c.bt = this.bt.slice(this.bHead);
		c.bx = this.bx.slice(this.bHead);
		c.by = this.by.slice(this.bHead);
		c.ba = this.ba.slice(this.bHead);
		c.wt = this.wt.slice(this.wHead);
		c.wv = this.wv.slice(this.wHead);
		c.sorted = this.sorted.slice();
		c.mode = this.mode;
		return c;
	}
}
