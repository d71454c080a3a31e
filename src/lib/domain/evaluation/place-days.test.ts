import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceToBoundary, pointInPolygon } from '../geo/geo.ts';
import { lonLat, square } from '../presence/test-tracks.ts';
import { inBuffer, placeLocator } from './buffers.ts';
import { evaluateDisplacement, readDisplacement } from './displacement.ts';
import { buildPlaceDays, type Assignment, type CrimePoint } from './place-days.ts';
import { syntheticTrial } from './synthetic-trial.ts';
import type { TrialEvaluation } from './types.ts';

// two 150 m squares with a 100 m gap between them: A over x 0–150, B over x 250–400 (metres)
const A = square('A');
const B = square('B', 250, 0);

describe('buffers', () => {
	it('holds points outside a hot spot and within 100 m of it', () => {
		expect(inBuffer(...lonLat(200, 75), A.polygon)).toBe(true);
		expect(inBuffer(...lonLat(260, 75), A.polygon)).toBe(false);
		expect(inBuffer(...lonLat(75, 75), A.polygon)).toBe(false);
		// the corner: 60 m east and 60 m north is 85 m away
		expect(inBuffer(...lonLat(210, 210), A.polygon)).toBe(true);
		expect(inBuffer(...lonLat(230, 230), A.polygon)).toBe(false);
	});

	it('gives each crime to one place: its own, else the nearest buffer', () => {
		const locate = placeLocator([B, A]);
		expect(locate(...lonLat(300, 75))).toEqual({ hotspot: 'B', zone: 'place', shared: false });
		expect(locate(...lonLat(180, 75))).toEqual({ hotspot: 'A', zone: 'buffer', shared: true });
		expect(locate(...lonLat(230, 75))).toEqual({ hotspot: 'B', zone: 'buffer', shared: true });
		expect(locate(...lonLat(-90, 75))).toEqual({ hotspot: 'A', zone: 'buffer', shared: false });
		expect(locate(...lonLat(-120, 75))).toBeNull();
		// equidistant: the first id wins, so results do not depend on input order
		expect(locate(...lonLat(200, 75))?.hotspot).toBe('A');
	});

	it('agrees with testing every polygon exactly, at any latitude', () => {
		fc.assert(
			fc.property(fc.double({ min: -70, max: 70, noNaN: true }), fc.double({ min: -300, max: 600, noNaN: true }), fc.double({ min: -250, max: 400, noNaN: true }), (lat, x, y) => {
				const shift = (p: typeof A) => ({ id: p.id, polygon: p.polygon.map((ring) => ring.map(([lon, la]) => [lon, la - 51.752 + lat] as [number, number])) });
				const spots = [shift(A), shift(B)];
				const [lon, la] = lonLat(x, y);
				const pt: [number, number] = [lon, la - 51.752 + lat];
				const inside = spots.find((s) => pointInPolygon(...pt, s.polygon));
				const near = spots.map((s) => ({ id: s.id, d: distanceToBoundary(...pt, s.polygon) })).filter((s) => s.d <= 100);
				// points within a millimetre of the 100 m line may go either way
				if (spots.some((s) => Math.abs(distanceToBoundary(...pt, s.polygon) - 100) < 1e-3)) return;
				const got = placeLocator(spots)(...pt);
				if (inside) expect(got).toMatchObject({ hotspot: inside.id, zone: 'place' });
				else if (near.length === 0) expect(got).toBeNull();
				else expect(got).toMatchObject({ hotspot: near.sort((a, b) => a.d - b.d)[0].id, zone: 'buffer', shared: near.length > 1 });
			})
		);
	});
});

describe('buildPlaceDays', () => {
	const at = (x: number, y: number, iso: string, harm = 10): CrimePoint => {
		const [lon, lat] = lonLat(x, y);
		return { lon, lat, t: Date.parse(iso), harm };
	};
	const assignments: Assignment[] = [
		{ day: '2026-03-03', hotspot: 'B', arm: 'control' },
		{ day: '2026-03-02', hotspot: 'A', arm: 'treatment', doseMinutes: 31.5, doses: 2 },
		{ day: '2026-03-02', hotspot: 'B', arm: 'control', doseMinutes: 0, doses: 0 },
		{ day: '2026-03-03', hotspot: 'A', arm: 'treatment' }
	];

	it('counts crimes per experimental day for places and buffers, zeros included', () => {
		const records = [
			// 05:30 London (GMT in March) still belongs to the experimental day that began on the 2nd
			at(75, 75, '2026-03-03T05:30:00Z', 200),
			at(75, 75, '2026-03-03T06:00:00Z', 2),
			at(-50, 75, '2026-03-02T12:00:00Z', 365),
			at(300, 75, '2026-03-02T23:00:00Z', 1),
			at(300, 75, '2026-03-05T12:00:00Z'), // no assignment that day
			at(2000, 2000, '2026-03-02T12:00:00Z') // nowhere near
		];
		const built = buildPlaceDays([A, B], records, assignments);
		expect(built.places).toEqual([
			{ hotspot: 'A', day: '2026-03-02', arm: 'treatment', crimes: 1, harm: 200, doseMinutes: 31.5, doses: 2 },
			{ hotspot: 'B', day: '2026-03-02', arm: 'control', crimes: 1, harm: 1, doseMinutes: 0, doses: 0 },
			{ hotspot: 'A', day: '2026-03-03', arm: 'treatment', crimes: 1, harm: 2 },
			{ hotspot: 'B', day: '2026-03-03', arm: 'control', crimes: 0, harm: 0 }
		]);
		expect(built.buffers.map((r) => [r.hotspot, r.day, r.arm, r.crimes, r.harm])).toEqual([
			['A', '2026-03-02', 'treatment', 1, 365],
			['B', '2026-03-02', 'control', 0, 0],
			['A', '2026-03-03', 'treatment', 0, 0],
			['B', '2026-03-03', 'control', 0, 0]
		]);
		expect(built).toMatchObject({ counted: 4, unassigned: 1, elsewhere: 1, sharedBuffer: 0 });
	});

	it('takes another day boundary and buffer width', () => {
		const built = buildPlaceDays([A], [at(-150, 75, '2026-03-03T05:30:00Z')], [{ day: '2026-03-03', hotspot: 'A', arm: 'control' }], {
			bufferMetres: 200,
			boundary: { tz: 'Europe/London', startHour: 0 }
		});
		expect(built.buffers[0]).toMatchObject({ day: '2026-03-03', crimes: 1 });
	});

	it('refuses assignments and records it cannot use', () => {
		expect(() => buildPlaceDays([A], [], [{ day: '2026-03-02', hotspot: 'Z', arm: 'control' }])).toThrow('assignment Z on 2026-03-02: no hot spot with that id among the 1 given');
		expect(() => buildPlaceDays([A], [], [assignments[1], { ...assignments[1], arm: 'control' }])).toThrow('assignment A on 2026-03-02: assigned twice');
		expect(() => buildPlaceDays([A], [], [{ day: '2026-03-02', hotspot: 'A', arm: 'both' as 'control' }])).toThrow('arm: expected treatment or control, got "both"');
		expect(() => buildPlaceDays([A], [{ lon: 0, lat: 95, t: 0, harm: 1 }], [])).toThrow('record 0: expected lon, lat, t and harm ≥ 0');
	});
});

describe('displacement', () => {
	it('reads a buffer evaluation in words', () => {
		const read = (rateRatio: number | null, ci95: [number, number] | null) => readDisplacement({ rateRatio, ci95 } as TrialEvaluation);
		expect(read(0.8, [0.7, 0.9])).toEqual({
			reading: 'diffusion of benefits',
			statement: 'Within 100 m of the hot spots, crime on treated days was 0.80 times that on control days (95 % CI 0.70–0.90): crime fell around treated hot spots too: a diffusion of benefits, not displacement.'
		});
		expect(read(1.3, [1.1, 1.6]).reading).toBe('displacement');
		expect(read(0.95, [0.8, 1.1]).reading).toBe('no clear change');
		expect(read(null, null).reading).toBe('not estimable');
	});

	it('finds a planted diffusion of benefits in synthetic buffers', () => {
		const buffers = syntheticTrial({ places: 40, days: 60, rateRatio: 0.75, seed: 3, meanRate: 0.6 });
		const d = evaluateDisplacement(buffers, { permutations: 0 });
		expect(d.reading).toBe('diffusion of benefits');
		expect(d.buffers.ci95![0]).toBeLessThan(0.75);
		expect(d.buffers.ci95![1]).toBeGreaterThan(0.75);
	});
});
