import { describe, expect, it } from 'vitest';
import { incompleteBeta, logGamma, studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t.ts';

// Reference values from SciPy 1.17 (stats.t.ppf / cdf, special.betainc / gammaln), which agree
// with R's qt / pt / pbeta / lgamma to the digits shown.
describe('Student t', () => {
	it('matches reference quantiles', () => {
		expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 9);
		expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729749462, 10);
		expect(studentTQuantile(0.975, 19)).toBeCloseTo(2.0930240544083087, 10);
		expect(studentTQuantile(0.995, 4.5)).toBeCloseTo(4.272823993011293, 10);
		expect(studentTQuantile(0.025, 19)).toBeCloseTo(-2.0930240544083087, 10);
	});

	it('matches reference probabilities', () => {
		expect(studentTCdf(2, 3)).toBeCloseTo(0.9303370157205785, 13);
		expect(studentTCdf(-5.931, 2)).toBeCloseTo(0.013635180165020825, 13);
		expect(studentTTwoSidedP(5.931, 2)).toBeCloseTo(0.02727036033004165, 13);
		expect(studentTCdf(-30, 7) / 5.894234440366572e-9).toBeCloseTo(1, 9);
		expect(studentTCdf(0.3, 250)).toBeCloseTo(0.6177867754919752, 12);
		expect(studentTTwoSidedP(0, 5)).toBe(1);
	});

	it('matches the incomplete beta and log-gamma', () => {
		expect(incompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 14);
		expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
		expect(logGamma(171.5) / 709.1431630309283).toBeCloseTo(1, 13);
	});

	it('approaches the normal as df grows', () => {
		expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963984540054, 5);
	});
});
