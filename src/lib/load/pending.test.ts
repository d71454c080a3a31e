import { describe, expect, it } from 'vitest';
import { FREE, PendingFixes, SendTimes, SeqSet, TimedQueue, WAITING } from './pending.ts';

describe('load bookkeeping', () => {
	it('reuses released slots and grows when full', () => {
		const p = new PendingFixes(2);
		const a = p.add(0, 1, 2, 51.7, -1.2, 5, 1.3);
		const b = p.add(1, 1, 2, 51.7, -1.2, 5, 1.3);
		const c = p.add(2, 1, 2, 51.8, -1.3, 6, 1.4);
		expect(new Set([a, b, c]).size).toBe(3);
		expect([p.size, p.state[c], p.lat[c], p.seq[c]]).toEqual([3, WAITING, 51.8, 2]);
		p.release(b);
		expect(p.holds(b, 1)).toBe(false);
		expect(p.state[b]).toBe(FREE);
		expect(p.add(3, 1, 2, 51.7, -1.2, 5, 1.3)).toBe(b);
		expect(p.holds(a, 0) && p.holds(b, 3)).toBe(true);
	});

	it('keeps time order through wrap-around and growth', () => {
		const q = new TimedQueue();
		const out: number[] = [];
		for (let k = 0; k < 5000; k++) {
			q.push(k, k, k);
			if (k % 3 === 0) {
				out.push(q.headSeq);
				q.shift();
			}
		}
		while (q.length) {
			out.push(q.headSlot);
			q.shift();
		}
		expect(out).toEqual(Array.from({ length: 5000 }, (_, k) => k));
		expect(q.headAt).toBe(Infinity);
	});

	it('gives each send time once, and forgets fixes beyond its window', () => {
		const s = new SendTimes(1000);
		s.set(5, 12.5);
		expect(s.take(5)).toBe(12.5);
		expect(s.take(5)).toBe(-1);
		s.set(6, 1);
		s.set(6 + 1024, 2);
		expect(s.take(6)).toBe(-1);
		expect(s.take(6 + 1024)).toBe(2);
	});

	it('holds a set of fix numbers as bits', () => {
		const set = new SeqSet();
		for (const n of [3, 3, 0, 100_000, 9]) set.add(n);
		expect(set.size).toBe(4);
		expect([...set.values()]).toEqual([0, 3, 9, 100_000]);
		expect(set.has(9) && !set.has(10) && !set.has(10_000_000)).toBe(true);
	});
});
