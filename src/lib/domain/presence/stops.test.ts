import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { StopDetector } from './stops.ts';
import { fixes, gaussianJitter, line, stand, T0, type Step } from './test-tracks.ts';
import type { Stop } from './types.ts';

function stops(steps: Step[]): { stops: Stop[]; events: string[] } {
	const d = new StopDetector();
	const events: string[] = [];
	let prev: number | null = null;
	for (const f of fixes('o', steps)) {
		d.update(f.t, f.lon, f.lat, prev !== null && f.t - prev > 60_000, (kind, s) => events.push(`${kind}@${(s.start - T0) / 1000}`));
		prev = f.t;
	}
	d.finish((kind, s) => events.push(`${kind}@${(s.start - T0) / 1000}`));
	return { stops: d.stops, events };
}
const secs = (s: Stop[]) => s.map((x) => [(x.start - T0) / 1000, (x.end - T0) / 1000]);
const noisy = (steps: Step[], seed = 1) => gaussianJitter(steps, 7, seededRandom(seed));

describe('stops: within 30 m for at least 60 s', () => {
	it('finds one stop for an officer standing 90 s in 10 m of noise', () => {
		const r = stops([...line([-300, 0], [0, 0], 0, 1.5, 5), ...noisy(stand(0, 0, 205, 295)), ...line([0, 0], [300, 0], 300, 1.5, 5)]);
		expect(r.stops).toHaveLength(1);
		// the stop may take in the last walking fix or two, which are within 30 m of where it stood
		expect(r.stops[0].start / 1000 - T0 / 1000).toBeGreaterThanOrEqual(180);
		expect(r.stops[0].end / 1000 - T0 / 1000).toBeLessThanOrEqual(320);
		expect(r.events).toEqual([`stop-started@${(r.stops[0].start - T0) / 1000}`, `stop-ended@${(r.stops[0].start - T0) / 1000}`]);
	});

	it('finds none for 55 s standing or for walking', () => {
		expect(stops(noisy(stand(0, 0, 0, 55))).stops).toEqual([]);
		expect(stops(noisy(line([0, 0], [600, 0], 0, 1.4, 5))).stops).toEqual([]);
	});

	it('ignores one wild fix, but two in a row end the stop', () => {
		const one = [...stand(0, 0, 0, 120), { s: 125, x: 60, y: 0 }, ...stand(0, 0, 130, 300)];
		expect(secs(stops(one).stops)).toEqual([[0, 300]]);
		const two = [...stand(0, 0, 0, 120), { s: 125, x: 60, y: 0 }, { s: 130, x: 60, y: 0 }, ...stand(0, 0, 135, 300)];
		expect(secs(stops(two).stops)).toEqual([[0, 120], [135, 300]]);
	});

	it('ends a stop at an unknown interval', () => {
		expect(secs(stops([...stand(0, 0, 0, 100), ...stand(0, 0, 200, 300)]).stops)).toEqual([[0, 100], [200, 300]]);
	});
});
