import { describe, expect, it } from 'vitest';
import { giStar } from './gistar.ts';
import { squareGrid } from './grid.ts';

describe('Gi*', () => {
	it('matches a worked example computed by hand', () => {
		// A 3×3 study area (all cells in the mask), values by row from the bottom:
		//   row 2:  0 0 0
		//   row 1:  0 9 0
		//   row 0:  0 0 3
		// n = 9, Σx = 12, x̄ = 12/9 = 1.3333, Σx² = 81 + 9 = 90,
		// S = √(90/9 − 1.3333²) = √(10 − 1.7778) = √8.2222 = 2.8674.
		//
		// Centre cell (col 1, row 1): all 9 cells are its queen neighbours (self included), w = 9.
		//   Σ wx = 12, x̄·w = 12 → numerator 0 → Gi* = 0 (it IS the whole study area).
		// Corner cell (col 2, row 0): neighbours (2,0) (1,0) (1,1) (2,1) → w = 4, Σ wx = 3 + 0 + 9 + 0 = 12.
		//   numerator = 12 − 1.3333·4 = 6.6667
		//   denominator = S·√((9·4 − 16)/8) = 2.8674·√2.5 = 2.8674·1.5811 = 4.5338
		//   Gi* = 6.6667 / 4.5338 = 1.4704
		// Corner cell (col 0, row 2): neighbours (0,2) (1,2) (0,1) (1,1) → Σ wx = 9 → (9 − 5.3333)/4.5338 = 0.8087
		// Edge cell (col 1, row 0): w = 6, Σ wx = 0+0+3+0+9+0 = 12 → 12 − 8 = 4;
		//   denominator = 2.8674·√((54 − 36)/8) = 2.8674·1.5 = 4.3012 → Gi* = 0.9300
		const values = new Float64Array([0, 0, 3, 0, 9, 0, 0, 0, 0]);
		const mask = new Uint8Array(9).fill(1);
		const g = giStar(values, mask, 3, 3, squareGrid(1).queenOffsets);
		expect(g.n).toBe(9);
		expect(g.mean).toBeCloseTo(1.3333, 4);
		expect(g.sd).toBeCloseTo(2.8674, 4);
		expect(g.z[4]).toBeCloseTo(0, 10);
		expect(g.z[2]).toBeCloseTo(1.4704, 4);
		expect(g.z[6]).toBeCloseTo(0.8087, 4);
		expect(g.z[1]).toBeCloseTo(0.93, 4);
	});

	it('ignores cells outside the mask entirely', () => {
		const values = new Float64Array([5, 0, 0, 0, 0, 0, 0, 0, 100]);
		const mask = new Uint8Array([1, 1, 1, 1, 1, 1, 1, 1, 0]);
		const g = giStar(values, mask, 3, 3, squareGrid(1).queenOffsets);
		expect(g.n).toBe(8);
		expect(g.mean).toBeCloseTo(5 / 8, 10);
		expect(g.z[8]).toBe(0);
		expect(g.p[8]).toBe(1);
		expect(g.z[0]).toBeGreaterThan(0);
	});

	it('finds a strong cluster significant after FDR correction and leaves noise alone', () => {
		const W = 30;
		const values = new Float64Array(W * W);
		for (let r = 14; r <= 15; r++) for (let c = 14; c <= 15; c++) values[r * W + c] = 20;
		values[3] = 1;
		const g = giStar(values, new Uint8Array(W * W).fill(1), W, W, squareGrid(1).queenOffsets);
		expect(g.p[14 * W + 14]).toBeLessThan(0.001);
		expect(g.p[3]).toBeGreaterThan(0.05);
	});
});
