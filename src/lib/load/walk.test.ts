import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseFix } from '../domain/presence/fix.ts';
import { seededRandom } from '../domain/random.ts';
import { fixId, fixIdPrefix, fixSeq, Walkers } from './walk.ts';

describe('load walkers', () => {
	it('walk at foot pace and stay near central Oxford', () => {
		const w = new Walkers(200, seededRandom(3));
		let longest = 0;
		for (let s = 0; s < 3600; s++) {
			for (let i = 0; i < 200; i++) {
				const lat = w.lat[i];
				const lon = w.lon[i];
				w.step(i, 1);
				const m = Math.hypot((w.lat[i] - lat) * 111_320, (w.lon[i] - lon) * 111_320 * Math.cos((51.752 * Math.PI) / 180));
				if (m > longest) longest = m;
			}
		}
		expect(longest).toBeLessThan(1.8);
		for (let i = 0; i < 200; i++) expect(w.distanceFromCentre(i)).toBeLessThan(1400);
	});

	it('make uuid-shaped ids the server accepts, and map them back to their number', () => {
		const prefix = fixIdPrefix(randomUUID());
		const id = fixId(prefix, 123_456_789);
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(parseFix({ id, t: Date.now(), lat: 51.75, lon: -1.25, accuracy: 6 }).ok).toBe(true);
		expect(fixSeq(prefix, id)).toBe(123_456_789);
		expect(fixSeq(prefix, fixId(fixIdPrefix(randomUUID()), 1))).toBe(-1);
		expect(fixSeq(prefix, 'short')).toBe(-1);
	});
});
