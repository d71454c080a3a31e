import { describe, expect, it } from 'vitest';
import { assignDay, daysBetween } from './randomise.ts';

describe('daily randomisation', () => {
	const spots = Array.from({ length: 20 }, (_, i) => i + 1);
	it('treats the given fraction, reproducibly from the seed and day', () => {
		const a = assignDay('trial-7', '2026-11-26', spots);
		expect([...a.values()].filter((x) => x === 'treatment')).toHaveLength(10);
		expect(assignDay('trial-7', '2026-11-26', [...spots].reverse())).toEqual(a);
		expect(assignDay('trial-7', '2026-11-27', spots)).not.toEqual(a);
		expect([...assignDay('t', '2026-11-26', spots, 0.25).values()].filter((x) => x === 'treatment')).toHaveLength(5);
	});
	it('gives every hot spot about half of the days in treatment', () => {
		const counts = new Map<number, number>();
		for (const day of daysBetween('2026-01-01', '2026-12-31')) for (const [id, arm] of assignDay('s', day, spots)) if (arm === 'treatment') counts.set(id, (counts.get(id) ?? 0) + 1);
		for (const n of counts.values()) expect(n / 365).toBeGreaterThan(0.4), expect(n / 365).toBeLessThan(0.6);
	});
	it('lists days inclusively', () => {
		expect(daysBetween('2026-10-24', '2026-10-26')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
	});
});
