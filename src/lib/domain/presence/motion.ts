// Foot or vehicle, from the 95th percentile of speed over a sliding 60 s window (docs/presence.md
// rule 9: ≤ 2.5 m/s foot, Bohannon 1997's fast gait; ≥ 4.2 m/s vehicle; between: unknown).
//
// Speed is the device's (Doppler, not disturbed by position noise) when it sends one. Otherwise
// it comes from positions, made robust in two ways: (1) over a baseline of at least 30 s, the
// shortest available, so 10 m of noise is divided by 30 s, not by the 1–5 s between fixes; and
// (2) with the noise taken out in quadrature: the observed displacement d is the true one plus
// the difference of two independent errors, so |true|² ≈ d² − (a₁² + a₂²) where a is each fix's
// stated accuracy (a 68 % radius, a² ≈ 2.3σ², a little more than the 2σ² each error adds).
// A standing officer then reads under 1 m/s, while real movement keeps almost all of its speed
// (a jogger at 3.3 m/s reads 3.2), so the thresholds keep their meaning.
import { FloatRing as Ring } from './float-ring.ts';
import type { StateBuffer } from './state-buffer.ts';
import { PRESENCE_DEFAULTS, type Mode, type PresenceOptions } from './types.ts';

const RAD = Math.PI / 180;
const R = 6_371_008.8;

export function metres(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const x = (lon2 - lon1) * RAD * Math.cos(((lat1 + lat2) / 2) * RAD);
	const y = (lat2 - lat1) * RAD;
	return Math.sqrt(x * x + y * y) * R;
}

const MODES: Mode[] = ['foot', 'vehicle', 'unknown'];

type MotionOptions = Pick<PresenceOptions, 'modeWindowMs' | 'footMaxMps' | 'vehicleMinMps' | 'speedBaselineMs' | 'modeMinSamples'>;

export class MotionClassifier {
	private readonly o: MotionOptions;
	/** recent fixes of the current known segment (t, lon, lat, accuracy), for the position baseline */
	private base = new Ring(4, 8);
	/** speed samples in the window (t, v), oldest first, and the same speeds sorted */
	private window = new Ring(2, 16);
	private sorted: number[] = new Array<number>(8).fill(0);
	private n = 0;
	mode: Mode = 'unknown';

	constructor(o: MotionOptions = PRESENCE_DEFAULTS) {
		this.o = o;
	}

	/** A usable fix in device-time order; `gap` when the interval before it was unknown. Returns the mode at t. */
	update(t: number, lon: number, lat: number, accuracy: number, speed: number | null | undefined, gap: boolean): Mode {
		const base = this.base;
		if (gap) base.clear();
		// keep one fix at least speedBaselineMs old: the latest such is the baseline's start
		while (base.size >= 2 && t - base.get(1, 0) >= this.o.speedBaselineMs) base.shift();
		let v = -1;
		if (typeof speed === 'number' && speed >= 0 && Number.isFinite(speed)) v = speed;
		else if (base.size > 0 && t - base.get(0, 0) >= this.o.speedBaselineMs) {
			const d2 = metres(base.get(0, 1), base.get(0, 2), lon, lat) ** 2 - base.get(0, 3) ** 2 - accuracy ** 2;
			v = Math.sqrt(Math.max(0, d2)) / ((t - base.get(0, 0)) / 1000);
		}
		base.push(t, lon, lat, accuracy);

		const w = this.window;
		while (w.size > 0 && w.get(0, 0) <= t - this.o.modeWindowMs) {
			this.removeSorted(w.get(0, 1));
			w.shift();
		}
		if (v >= 0) {
			w.push(t, v);
			this.insertSorted(v);
		}
		this.mode = this.classify();
		return this.mode;
	}

	/** 95th percentile (nearest rank) of the window's speeds, or null with too few samples. */
	p95(): number | null {
		const n = this.n;
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
		if (this.n === this.sorted.length) this.sorted.push(...new Array<number>(this.n).fill(0));
		const s = this.sorted;
		let i = this.n++;
		while (i > 0 && s[i - 1] > v) {
			s[i] = s[i - 1];
			i--;
		}
		s[i] = v;
	}

	private removeSorted(v: number): void {
		const s = this.sorted;
		let lo = 0;
		let hi = this.n - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (s[mid] < v) lo = mid + 1;
			else hi = mid;
		}
		for (let i = lo; i < this.n - 1; i++) s[i] = s[i + 1];
		this.n--;
	}

	/** The window and the baseline's fixes; the sorted speeds are the window's, sorted again on restore. */
	save(out: StateBuffer): void {
		out.write(MODES.indexOf(this.mode));
		this.base.save(out);
		this.window.save(out);
	}

	restore(from: StateBuffer): void {
		this.mode = MODES[from.read()];
		this.base.restore(from);
		this.window.restore(from);
		this.n = 0;
		for (let i = 0; i < this.window.size; i++) this.insertSorted(this.window.get(i, 1));
	}
}
