import { describe, expect, it } from 'vitest';
import { CAPACITY_DEFAULTS, capacityCount, chosenShare, dailyWorkload, MAX_HOTSPOTS, readCapacity } from './capacity.ts';

describe('hot spots by capacity', () => {
	it('is officers × patrols each × shifts ÷ doses per hot spot per day', () => {
		expect(capacityCount({ officers: 4, patrolsPerOfficer: 3, shiftsPerDay: 3, dosesPerHotspot: 2 })).toEqual({ patrolsPerDay: 36, uncapped: 18, count: 18, capped: false });
		expect(capacityCount({ officers: 6, patrolsPerOfficer: 4, shiftsPerDay: 2, dosesPerHotspot: 1 }).count).toBe(48);
	});

	it('rounds down: a hot spot that would get only part of its doses is not kept', () => {
		expect(capacityCount({ officers: 5, patrolsPerOfficer: 1, shiftsPerDay: 1, dosesPerHotspot: 2 }).count).toBe(2);
		expect(capacityCount({ officers: 3, patrolsPerOfficer: 1, shiftsPerDay: 1, dosesPerHotspot: 0.5 }).count).toBe(6);
	});

	it('is capped at 150 and says so, and never falls below one', () => {
		const big = capacityCount({ officers: 100, patrolsPerOfficer: 4, shiftsPerDay: 3, dosesPerHotspot: 1 });
		expect(big).toEqual({ patrolsPerDay: 1200, uncapped: 1200, count: MAX_HOTSPOTS, capped: true });
		expect(capacityCount({ officers: 1, patrolsPerOfficer: 1, shiftsPerDay: 1, dosesPerHotspot: 6 }).count).toBe(1);
	});

	it('reads inputs, defaulting blanks and naming a bad one with its range', () => {
		expect(readCapacity({})).toEqual(CAPACITY_DEFAULTS);
		expect(readCapacity({ officers: '10', dosesPerHotspot: '' })).toEqual({ ...CAPACITY_DEFAULTS, officers: 10 });
		expect(readCapacity({ shiftsPerDay: '9' })).toEqual({ error: 'shifts per day: a number from 1 to 6, not "9"', field: 'shiftsPerDay' });
		expect(readCapacity({ officers: 'lots' })).toEqual({ error: 'officers on hot spot patrol per shift: a number from 1 to 1000, not "lots"', field: 'officers' });
	});

	it('gives the share of the study area’s harm the chosen hot spots hold', () => {
		const hs = [
			{ harm: 300, crimes: 10 },
			{ harm: 100, crimes: 30 }
		];
		expect(chosenShare(hs, { totalHarm: 1000, totalCrimes: 200 }, 'harm')).toBeCloseTo(0.4);
		expect(chosenShare(hs, { totalHarm: 1000, totalCrimes: 200 }, 'count')).toBeCloseTo(0.2);
		expect(chosenShare(hs, { totalHarm: 0, totalCrimes: 0 }, 'harm')).toBe(0);
	});

	it('sets a day’s workload against capacity', () => {
		expect(dailyWorkload(18, CAPACITY_DEFAULTS)).toEqual({ patrolsNeeded: 36, patrolsPerDay: 36, load: 1 });
		expect(dailyWorkload(547, CAPACITY_DEFAULTS).load).toBeCloseTo(1094 / 36);
	});
});
