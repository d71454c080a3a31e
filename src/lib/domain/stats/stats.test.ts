import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './fdr.ts';
import { erfc, normalCdf, normalQuantile, twoSidedP, upperTail } from './normal.ts';

describe('normal tails', () => {
	it('matches reference values (R: pnorm, 2*pnorm(-|z|))', () => {
		expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
		expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 12);
		expect(upperTail(0)).toBe(0.5);
		// pnorm(-8) = 6.220960574271785e-16
		expect(upperTail(8) / 6.220960574271785e-16).toBeCloseTo(1, 10);
		// pnorm(-20) = 2.753624118606233e-89
		expect(upperTail(20) / 2.753624118606233e-89).toBeCloseTo(1, 8);
		expect(erfc(0.3)).toBeCloseTo(0.6713732405408726, 14);
		expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 14);
	});
	it('inverts', () => {
		for (const p of [1e-10, 0.001, 0.025, 0.3, 0.5, 0.9, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
	});
});

describe('Benjamini–Hochberg', () => {
	it('matches R p.adjust(c(0.01,0.04,0.03,0.005,0.5), "BH")', () => {
		// R: 0.02500000 0.05000000 0.05000000 0.02500000 0.50000000
		const adj = Array.from(benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]));
		[0.025, 0.05, 0.05, 0.025, 0.5].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
	});
});
