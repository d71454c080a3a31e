import { describe, expect, it } from 'vitest';
import { monthsHeld, previousPeriod } from './compare.ts';

const M = (y: number, m: number) => y * 12 + m - 1;
const holding = (...months: number[]) => monthsHeld(Int32Array.from(months), months.length);

describe('comparing with the period before', () => {
	it('compares February–April with November–January when all three months are on record', () => {
		const h = holding(M(2023, 11), M(2023, 12), M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4));
		expect(previousPeriod(M(2024, 2), M(2024, 4), h.held, h.earliest)).toEqual({ ok: true, fromMonth: M(2023, 11), toMonth: M(2024, 1) });
	});

	it('refuses February–April against January alone, saying where the records start', () => {
		const h = holding(M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4));
		const c = previousPeriod(M(2024, 2), M(2024, 4), h.held, h.earliest);
		expect(c.ok).toBe(false);
		expect(!c.ok && c.reason).toBe('No comparison: records start in 2024-01, so the 3 months before (2023-11 to 2024-01) are not on record.');
	});

	it('compares one month with the month before when it is held', () => {
		const h = holding(M(2024, 1), M(2024, 2));
		expect(previousPeriod(M(2024, 2), M(2024, 2), h.held, h.earliest).ok).toBe(true);
		expect(previousPeriod(M(2024, 1), M(2024, 1), h.held, h.earliest)).toMatchObject({ ok: false, reason: expect.stringContaining('the month before (2023-12) is not on record') });
	});

	it('refuses a previous period with a month missing from the imports', () => {
		const h = holding(M(2023, 10), M(2023, 11), M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4));
		const c = previousPeriod(M(2024, 2), M(2024, 4), h.held, h.earliest);
		expect(!c.ok && c.reason).toContain('no records at all for 2023-12');
	});

	it('says so when nothing is held', () => {
		const h = holding();
		expect(previousPeriod(M(2024, 2), M(2024, 4), h.held, h.earliest)).toMatchObject({ ok: false, reason: 'No comparison: no records held.' });
	});
});
