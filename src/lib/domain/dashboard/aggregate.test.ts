import { describe, expect, it } from 'vitest';
import { aggregate, pointsIn, selector, type DashboardFilter, type DashboardStore } from './aggregate.ts';
import { people, sortLinks, type PeopleLinks } from './people.ts';

/** A store from plain records: [id, lon, lat, category, harm, iso time or YYYY-MM, lsoa] */
function store(rows: [number, number, number, string, number, string, string][]): DashboardStore {
	const categories = [...new Set(rows.map((r) => r[3]))];
	const lsoas = [...new Set(rows.map((r) => r[6]))];
	const n = rows.length;
	const s: DashboardStore = {
		n,
		id: new Int32Array(n),
		lon: new Float64Array(n),
		lat: new Float64Array(n),
		cat: new Uint16Array(n),
		harm: new Float64Array(n),
		t: new Float64Array(n),
		month: new Int32Array(n),
		dow: new Int8Array(n),
		hour: new Int8Array(n),
		lsoa: new Int32Array(n),
		loc: new Int32Array(n).fill(-1),
		categories,
		lsoas,
		locations: []
	};
	rows.forEach(([id, lon, lat, c, h, when, l], i) => {
		s.id[i] = id;
		s.lon[i] = lon;
		s.lat[i] = lat;
		s.cat[i] = categories.indexOf(c);
		s.harm[i] = h;
		s.lsoa[i] = lsoas.indexOf(l);
		const timed = when.length > 7;
		const d = new Date(timed ? when : `${when}-15T00:00:00Z`);
		s.t[i] = timed ? d.getTime() : NaN;
		s.month[i] = d.getUTCFullYear() * 12 + d.getUTCMonth();
		s.dow[i] = timed ? ((d.getUTCDay() + 6) % 7) + 1 : 0;
		s.hour[i] = timed ? d.getUTCHours() : -1;
	});
	return s;
}

const M = (y: number, m: number) => y * 12 + m - 1;
const rows: [number, number, number, string, number, string, string][] = [
	[1, -1.258, 51.752, 'Robbery', 365, '2024-03-02T23:30:00Z', 'Oxford 008A'],
	[2, -1.258, 51.752, 'Violence and sexual offences', 200, '2024-03-09T12:10:00Z', 'Oxford 008A'],
	[3, -1.262, 51.751, 'Shoplifting', 1, '2024-03', 'Oxford 010C'],
	[4, -1.262, 51.751, 'Violence and sexual offences', 200, '2024-02-20T01:00:00Z', 'Oxford 010C'],
	[5, -0.9, 51.45, 'Violence and sexual offences', 200, '2024-03-05T22:00:00Z', 'Reading 001A']
];

describe('dashboard aggregation', () => {
	const all: DashboardFilter = { fromMonth: M(2024, 3), toMonth: M(2024, 3), types: null, area: { kind: 'all' }, dayNight: 'all' };

	it('counts the records that day or night leaves out for having no time, and compares only a period fully on record', () => {
		const night = aggregate(store(rows), { ...all, dayNight: 'night' }, null);
		// records 1 and 5 are at night; record 3 (Shoplifting, month only) cannot be placed
		expect(night.current.count).toBe(2);
		expect(night.timeOfDay).toEqual({ timed: 3, untimed: 1 });
		expect(night.comparison.ok).toBe(true);
		const two = aggregate(store(rows), { ...all, fromMonth: M(2024, 2), toMonth: M(2024, 3) }, null);
		expect(two.previous).toBeNull();
		expect(two.comparison).toMatchObject({ ok: false, reason: expect.stringContaining('records start in 2024-02') });
	});

	it('totals the period and the one before, by type, month, week and hour', () => {
		const r = aggregate(store(rows), all, null);
		expect(r.current).toEqual({ count: 4, harm: 766 });
		expect(r.previous).toEqual({ count: 1, harm: 200 });
		expect(r.byType[0]).toEqual({ category: 'Violence and sexual offences', count: 2, harm: 400 });
		expect(r.untimed).toBe(1);
		// Saturday 2 March 23:00 and Saturday 9 March 12:00, Tuesday 5 March 22:00
		expect(r.grid[(6 - 1) * 24 + 23]).toBe(1);
		expect(r.grid[(6 - 1) * 24 + 12]).toBe(1);
		expect(r.grid[(2 - 1) * 24 + 22]).toBe(1);
		expect(r.byWeek.map((w) => new Date(w.week).toISOString().slice(0, 10))).toEqual(['2024-02-26', '2024-03-04']);
		expect(r.recent).toEqual([2, 5, 1]);
	});

	it('filters by type, day or night, area, and hot spots', () => {
		const s = store(rows);
		expect(aggregate(s, { ...all, types: ['Robbery'] }, null).current.count).toBe(1);
		expect(aggregate(s, { ...all, dayNight: 'night' }, null).current.count).toBe(2);
		expect(aggregate(s, { ...all, dayNight: 'day' }, null).current.count).toBe(1);
		expect(aggregate(s, { ...all, area: { kind: 'lsoa', prefix: 'Oxford' } }, null).current.count).toBe(3);
		expect(aggregate(s, { ...all, area: { kind: 'bbox', box: [-1.3, 51.7, -1.2, 51.8] } }, null).current.count).toBe(3);
		const hotspotOf = Int32Array.from([7, 7, -1, -1, -1]);
		const inside = aggregate(s, { ...all, area: { kind: 'hotspots' } }, hotspotOf);
		expect(inside.current).toEqual({ count: 2, harm: 565 });
		expect(aggregate(s, all, hotspotOf).hotspots).toEqual({ inside: { count: 2, harm: 565 }, outside: { count: 2, harm: 201 } });
		expect(aggregate(s, { ...all, area: { kind: 'hotspot', id: 8 } }, hotspotOf).current.count).toBe(0);
	});

	it('finds the points in a box from the current period only', () => {
		const s = store(rows);
		const r = pointsIn(s, selector(s, all, null), [-1.3, 51.7, -1.2, 51.8], 2);
		expect(r.total).toBe(3);
		expect(r.indexes).toEqual([0, 1]);
	});
});

describe('people panel', () => {
	const all: DashboardFilter = { fromMonth: M(2024, 1), toMonth: M(2024, 3), types: null, area: { kind: 'all' }, dayNight: 'all' };
	const s = store(rows);
	s.locations = ['On or near Cornmarket'];
	s.loc.set([0, 0, -1, -1, -1]);
	// persons: 0 = S1, 1 = V1, 2 = W1; S1 is suspect in records 1, 2 and (as offender) 5, and a victim in 4
	const links: PeopleLinks = sortLinks({
		n: 7,
		rec: Int32Array.from([0, 1, 4, 3, 0, 3, 1]),
		person: Int32Array.from([0, 0, 0, 0, 1, 1, 2]),
		role: Uint8Array.from([0, 0, 1, 2, 2, 2, 3]),
		persons: [
			{ id: 10, ref: 'S1', name: 'Synthetic One', dob: null },
			{ id: 11, ref: 'V1', name: null, dob: null },
			{ id: 12, ref: 'W1', name: null, dob: null }
		]
	});

	it('ranks suspects with their whole history, victims who repeat, and repeat locations', () => {
		const p = people(s, links, selector(s, all, null));
		expect(p.suspects).toHaveLength(1);
		expect(p.suspects[0].person.ref).toBe('S1');
		expect(p.suspects[0].count).toBe(3);
		expect(p.suspects[0].history.count).toBe(3);
		expect(p.suspects[0].history.harm).toBe(365 + 200 + 200);
		expect(p.suspects[0].latest.id).toBe(2);
		// V1 is a victim twice (records 1 and 4); S1 once as a victim, so not a repeat victim
		expect(p.repeatVictims.map((v) => [v.person.ref, v.count])).toEqual([['V1', 2]]);
		expect(p.witnesses).toBe(1);
		expect(p.repeatLocations[0]).toMatchObject({ location: 'On or near Cornmarket', count: 2, harm: 565 });
		// the second repeat location has no text: the same point twice
		expect(p.repeatLocations[1]).toMatchObject({ count: 2 });
	});

	it('keeps the history whole when the filter narrows the records', () => {
		const robbery = people(s, links, selector(s, { ...all, types: ['Robbery'] }, null));
		expect(robbery.suspects[0].count).toBe(1);
		expect(robbery.suspects[0].history.count).toBe(3);
		expect(robbery.repeatVictims).toEqual([]);
	});
});
