import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { shiftsOn } from '../shifts/shifts.ts';
import { summariseShift, type SummaryVisit } from './shift-summary.ts';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toMillis();
const MIN = 60_000;
const dayNight = [
	{ days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', to: '18:00', tz: 'Europe/London' },
	{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '06:00', tz: 'Europe/London' }
];
const hotspots = [
	{ id: 1, name: 'Queen Street', rank: 1, windows: dayNight },
	{ id: 2, name: 'Castle Street', rank: 2, windows: dayNight }
];
const officers = new Map([
	[10, { callsign: 'A1', team: 'Response A' }],
	[11, { callsign: 'B1', team: 'Response B' }],
	[12, { callsign: 'B2', team: 'Response B' }]
]);

function visit(officer: number, hotspot: number, startIso: string, minutes: number): SummaryVisit {
	const start = at(startIso);
	const end = start + minutes * MIN;
	return { officer, hotspot, start, end, minutes, mode: 'foot', stops: 0, dose: minutes >= 10, open: false, inside: [[start, end]], unknown: [], modeMs: { foot: minutes * MIN } };
}

const night = shiftsOn('2026-11-25').find((s) => s.name === 'Night')!; // 23:00 → 07:00
const summarise = (visits: SummaryVisit[], perOfficer = false) =>
	summariseShift({ shift: night, now: at('2026-11-26T12:00'), hotspots, visits, activities: [{ officer: 11, hotspot: 1, kind: 'visible-presence' }, { officer: 12, hotspot: null, kind: 'stop-search' }], officers, perOfficer });

describe('summariseShift', () => {
	it('counts doses due per live window and met only by a dose begun in that window', () => {
		const s = summarise([
			// two doses in the night window at Queen Street: delivered 2, met 1 (not the day window too)
			visit(10, 1, '2026-11-26T01:00', 12),
			visit(11, 1, '2026-11-26T02:00', 15),
			// Castle Street: one dose in the day window 06:00–07:00 and a short visit at night
			visit(12, 2, '2026-11-26T06:20', 11),
			visit(12, 2, '2026-11-26T03:00', 4)
		]);
		const [queen, castle] = s.hotspots;
		// the night window (18:00–06:00) and the day window (06:00–18:00) both overlap 23:00–07:00
		expect(queen).toMatchObject({ due: 2, met: 1, doses: 2, visits: 2 });
		expect(castle).toMatchObject({ due: 2, met: 1, doses: 1, visits: 2 });
		expect(s.total).toMatchObject({ due: 4, met: 2, doses: 3, visits: 4, officers: 3, activities: 2, activitiesAtHotspots: 1 });
		expect(s.teams).toEqual([
			{ team: 'Response A', officers: 1, visits: 1, doses: 1, minutes: 12, activities: 0 },
			{ team: 'Response B', officers: 2, visits: 3, doses: 2, minutes: 30, activities: 2 }
		]);
	});

	it('counts a visit in the shift it began in, and its minutes in the shift they fell in', () => {
		// began in the Late shift at 22:50, 20 minutes: 10 of them after 23:00
		const s = summarise([visit(10, 1, '2026-11-25T22:50', 20), visit(11, 1, '2026-11-26T06:55', 10)], true);
		expect(s.total).toMatchObject({ visits: 1, doses: 1, officers: 1, officerMinutes: 15, patrolMinutes: 15 });
		// the 06:55 dose runs past 07:00: 5 minutes here
		expect(s.hotspots[0]).toMatchObject({ visits: 1, doses: 1, met: 1, officerMinutes: 15 });
		// the officer whose visit began before gets the minutes, not a visit
		expect(s.officers!.map((o) => [o.callsign, o.visits, o.minutes])).toEqual([
			['A1', 0, 10],
			['B1', 1, 5]
		]);
		expect(s.teams.reduce((n, t) => n + t.minutes, 0)).toBe(15);
		expect(s.hours.reduce((n, h) => n + h.patrolMinutes, 0)).toBe(15);
	});

	it('adds every column to its total however minutes round', () => {
		// thirds of a minute: each row rounds down on its own, the total does not
		const visits = [0, 1, 2, 3, 4, 5].map((i) => {
			const v = visit(10 + (i % 3), 1 + (i % 2), `2026-11-26T0${i}:00`, 1);
			v.end = v.start + 40_000;
			v.inside = [[v.start, v.end]];
			v.minutes = 0.67;
			return v;
		});
		const s = summarise(visits, true);
		const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
		expect(s.total.patrolMinutes).toBe(4);
		expect(sum(s.hotspots.map((h) => h.patrolMinutes))).toBe(4);
		expect(sum(s.hotspots.map((h) => h.officerMinutes))).toBe(4);
		expect(sum(s.teams.map((t) => t.minutes))).toBe(4);
		expect(sum(s.officers!.map((o) => o.minutes))).toBe(4);
		expect(sum(s.hours.map((h) => h.patrolMinutes))).toBe(4);
		expect(sum(s.lengths.map((b) => b.count))).toBe(6);
	});
});
