import { describe, expect, it } from 'vitest';
import { splitWhy } from './plain-why.ts';

describe('splitWhy', () => {
	it('puts what happens and when first, and the statistics apart', () => {
		const why =
			'Ranked 2 of 14 by harm. 42 crimes in 4 months of records, January–April 2024: 30 violence and sexual offences, 12 robbery. Harm 1,234 days (Cambridge Crime Harm Index): 12 % of all harm in the area, from 0.4 % of its places. The records give only the month, not the time, so the standard day (06:00–18:00) and night (18:00–06:00) windows apply. Up 20 % on the 4 months before (35 → 42). A statistically significant hot spot (Getis-Ord Gi* z = 4.3, FDR-adjusted p < 0.001).';
		const { plain, statistics } = splitWhy(why);
		expect(plain).toEqual([
			'42 crimes in 4 months of records, January–April 2024: 30 violence and sexual offences, 12 robbery.',
			'The records give only the month, not the time, so the standard day (06:00–18:00) and night (18:00–06:00) windows apply.',
			'Up 20 % on the 4 months before (35 → 42).'
		]);
		expect(statistics).toHaveLength(3);
		expect(statistics.join(' ')).toMatch(/Ranked 2 of 14.*Cambridge.*Getis-Ord Gi\* z = 4\.3/);
	});

	it('keeps a why written by hand whole', () => {
		expect(splitWhy('Late-night disorder outside the clubs.')).toEqual({ plain: ['Late-night disorder outside the clubs.'], statistics: [] });
	});
});
