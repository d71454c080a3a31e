import { describe, expect, it } from 'vitest';
import { HOURS_PER_WEEK } from './profile.ts';
import { explain, type WhyFacts } from './why.ts';
import { dayNightWindows } from './windows.ts';

const facts = (over: Partial<WhyFacts>): WhyFacts => ({
	name: 'Beale St',
	rank: 1,
	of: 3,
	crimes: 12,
	harm: 4380,
	totalHarm: 20000,
	cells: 2,
	studyCells: 400,
	byCategory: [['Robbery', 12]],
	lookbackMonths: 12,
	from: '2019-01',
	until: '2019-12',
	windows: [{ days: [5, 6], from: '22:00', to: '03:00', tz: 'America/Chicago' }],
	profile: new Float64Array(HOURS_PER_WEEK).fill(1),
	timed: true,
	previous: null,
	z: 4.2,
	p: 0.001,
	metric: 'harm',
	...over
});

describe('the why of a hot spot', () => {
	it("names the zone of its windows when it is not London's", () => {
		expect(explain(facts({}))).toMatch(/Peak times \(America\/Chicago time\): Fri–Sat 22:00–03:00/);
		expect(explain(facts({ windows: [{ days: [5, 6], from: '22:00', to: '03:00', tz: 'Europe/London' }] }))).toMatch(/Peak times: Fri–Sat/);
		expect(explain(facts({ profile: null, timed: false, windows: dayNightWindows('Asia/Kolkata') }))).toMatch(/night \(18:00–06:00\) windows apply \(Asia\/Kolkata time\)\./);
	});
});
