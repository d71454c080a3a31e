import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { pickHotspot, sendMeWeights } from './send-me.ts';

describe('send me', () => {
	const candidates = [
		{ id: 1, metres: 200, need: 1 },
		{ id: 2, metres: 1500, need: 1 },
		{ id: 3, metres: 100, need: 0 },
		{ id: 4, metres: 9000, need: 1 }
	];

	it('never offers a hot spot whose dose is met, nor a far one while near ones need a visit', () => {
		const w = sendMeWeights(candidates);
		expect([...w.keys()].sort()).toEqual([1, 2]);
		expect(w.get(1)!).toBeGreaterThan(w.get(2)!);
	});

	it('is reproducible from its seed and follows the weights', () => {
		expect(pickHotspot(candidates, seededRandom(42))).toBe(pickHotspot(candidates, seededRandom(42)));
		const counts = new Map<number, number>();
		const rnd = seededRandom(1);
		for (let i = 0; i < 10_000; i++) {
			const id = pickHotspot(candidates, rnd)!;
			counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		const w = sendMeWeights(candidates);
		const share1 = w.get(1)! / (w.get(1)! + w.get(2)!);
		expect(counts.get(1)! / 10_000).toBeCloseTo(share1, 1);
		expect(counts.has(3)).toBe(false);
	});

	it('returns null when nothing needs a visit', () => {
		expect(pickHotspot([{ id: 1, metres: 10, need: 0 }], seededRandom(1))).toBeNull();
	});
});
