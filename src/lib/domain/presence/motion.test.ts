import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { MotionClassifier, metres } from './motion.ts';
import { fixes, gaussianJitter, line, stand, T0, type Step } from './test-tracks.ts';
import type { Mode } from './types.ts';

/** Modes at each fix after the first `warmup` seconds (a 30 s baseline, then two samples). */
function modes(steps: Step[], accuracy = 10, warmup = 40): Mode[] {
	const m = new MotionClassifier();
	let prev: number | null = null;
	const out: Mode[] = [];
	for (const f of fixes('o', steps, accuracy)) {
		const mode = m.update(f.t, f.lon, f.lat, f.accuracy, f.speed, prev !== null && f.t - prev > 60_000);
		prev = f.t;
		if (f.t - T0 >= warmup * 1000) out.push(mode);
	}
	return out;
}

const share = (ms: Mode[], mode: Mode) => ms.filter((m) => m === mode).length / ms.length;

describe('foot or vehicle without device speed', () => {
	// σ = 7 m per axis, independent per fix (the worst case: real GPS error drifts slowly), puts
	// 68 % of fixes within about 10 m: "10 m of GPS noise". Each case runs 20 noise seeds.
	const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
	const over = (steps: Step[], mode: Mode) => seeds.map((seed) => share(modes(gaussianJitter(steps, 7, seededRandom(seed))), mode));

	it.each([1, 5])('keeps an officer standing in 10 m of noise on foot (a fix every %i s)', (every) => {
		expect(over(stand(0, 0, 0, 600, every), 'foot')).toEqual(seeds.map(() => 1));
	});

	it('would call the same officer a runner from fix-to-fix speeds (why the baseline matters)', () => {
		const fs = fixes('o', gaussianJitter(stand(0, 0, 0, 600, 5), 7, seededRandom(1)));
		const naive = fs.slice(1).map((f, i) => metres(fs[i].lon, fs[i].lat, f.lon, f.lat) / 5);
		expect(naive.filter((v) => v > 2.5).length / naive.length).toBeGreaterThan(0.3);
	});

	it('keeps a walker at 1.4 m/s in the same noise on foot', () => {
		// every 5 s, the noise's upper tail sometimes lifts a window's 95th percentile over
		// 2.5 m/s for a moment: at worst ~1 fix in 10, about 1 in 150 on average (200 seeds)
		const shares = over(line([0, 0], [840, 0], 0, 1.4, 5), 'foot');
		expect(Math.min(...shares)).toBeGreaterThanOrEqual(0.85);
		expect(shares.reduce((a, b) => a + b) / shares.length).toBeGreaterThanOrEqual(0.98);
		expect(Math.min(...over(line([0, 0], [840, 0], 0, 1.4, 1), 'foot'))).toBeGreaterThanOrEqual(0.98);
	});

	it('calls a car at 9 m/s in town, turning a corner, and a crawl at 5 m/s, vehicles', () => {
		const drive = [...line([0, 0], [450, 0], 0, 9, 5), ...line([450, 0], [450, 450], 55, 9, 5).slice(1)];
		expect(over(drive, 'vehicle')).toEqual(seeds.map(() => 1));
		expect(over(line([0, 0], [1500, 0], 0, 5, 5), 'vehicle')).toEqual(seeds.map(() => 1));
	});

	it('leaves a jog at 3.3 m/s between the thresholds unknown', () => {
		expect(share(modes(line([0, 0], [2000, 0], 0, 3.3, 5)), 'unknown')).toBe(1);
	});
});

describe('the 95th percentile over 60 s', () => {
	const withSpeeds = (speeds: number[]) => speeds.map((speed, i) => ({ s: i * 3, x: 0, y: 0, speed }));

	it('uses the device speed when there is one, and takes the nearest-rank 95th percentile', () => {
		// 20 samples in 60 s: the 95th percentile is the 19th smallest
		const one = modes(withSpeeds([...Array(19).fill(1), 9]), 5, 57);
		expect(one).toEqual(['foot']);
		const two = modes(withSpeeds([...Array(18).fill(1), 9, 9]), 5, 57);
		expect(two).toEqual(['vehicle']);
	});

	it('forgets samples older than 60 s', () => {
		// a minute of 12 m/s, then 1 m/s: vehicle until the fast samples leave the window
		const ms = modes(withSpeeds([...Array(20).fill(12), ...Array(30).fill(1)]), 5, 0);
		expect(ms[0]).toBe('unknown'); // one sample is not enough
		// 20 samples in the window: the 95th percentile is the 19th, so one 12 m/s sample left is
		// outvoted; that is at 114 s, when the one from 54 s leaves (index 38)
		expect(ms.slice(1, 38).every((m) => m === 'vehicle')).toBe(true);
		expect(ms.slice(38).every((m) => m === 'foot')).toBe(true);
	});
});
