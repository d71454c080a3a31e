// The dashboard's people panel (a force's own records only; analysts alone see it, docs/roles.md):
// repeat locations, repeat victims, and the suspects and offenders most often involved, with their
// offending history across every record held.
import type { DashboardStore, Selector } from './aggregate.ts';

export const ROLES = ['suspect', 'offender', 'victim', 'witness'] as const;
export type PersonRole = (typeof ROLES)[number];

export interface Person {
	id: number;
	ref: string;
	name: string | null;
	dob: string | null;
}

/** Person–record links as columns: the record's index in the store, the person's index, the role. */
export interface PeopleLinks {
	n: number;
	rec: Int32Array;
	person: Int32Array;
	/** index into ROLES */
	role: Uint8Array;
	persons: Person[];
}

/** A record's place in time for "latest": its exact time, else the first of its month (UTC). */
function when(s: DashboardStore, i: number): number {
	if (!Number.isNaN(s.t[i])) return s.t[i];
	const m = s.month[i];
	return Date.UTC(Math.floor(m / 12), m % 12, 1);
}

export interface LatestRecord {
	id: number;
	at: number;
	timed: boolean;
	category: string;
}

function latestOf(s: DashboardStore, i: number): LatestRecord {
	return { id: s.id[i], at: when(s, i), timed: !Number.isNaN(s.t[i]), category: s.categories[s.cat[i]] };
}

/** Links in the order `people` reads them: by person, then by record. */
export function sortLinks(l: PeopleLinks): PeopleLinks {
	const order = Array.from({ length: l.n }, (_, k) => k).sort((a, b) => l.person[a] - l.person[b] || l.rec[a] - l.rec[b] || l.role[a] - l.role[b]);
	return {
		n: l.n,
		rec: Int32Array.from(order, (k) => l.rec[k]),
		person: Int32Array.from(order, (k) => l.person[k]),
		role: Uint8Array.from(order, (k) => l.role[k]),
		persons: l.persons
	};
}

/**
 * The people panel for the records a filter selects: repeat locations, repeat victims, and the
 * suspects and offenders most often involved with their offending history across every record
 * held (number and harm of offences, the latest). Victims and suspects stay separate lists even
 * when one person is both; witnesses are only counted. `links` must be in `sortLinks` order: one
 * pass then serves every person, with no sets or strings per record.
 */
export function people(s: DashboardStore, links: PeopleLinks, select: Selector, top = 10) {
	const chosen = new Uint8Array(s.n);
	for (let i = 0; i < s.n; i++) if (select(i) === 1) chosen[i] = 1;

	// repeat locations: the same location text, or without one the same ~10 m point
	const nl = s.locations.length;
	const locCount = new Int32Array(nl);
	const locHarm = new Float64Array(nl);
	const locLatest = new Int32Array(nl).fill(-1);
	type Point = { x: number; y: number; count: number; harm: number; latest: number };
	const points = new Map<number, Point>();
	const clashes = new Map<string, Point>();
	for (let i = 0; i < s.n; i++) {
		if (!chosen[i]) continue;
		const l = s.loc[i];
		if (l >= 0) {
			locCount[l]++;
			locHarm[l] += s.harm[i];
			if (locLatest[l] < 0 || when(s, i) > when(s, locLatest[l])) locLatest[l] = i;
		} else {
			// small-integer keys keep the map fast; the exact point is checked, so two points that
			// share a key (3.3° apart) are still told apart
			const x = Math.round(s.lon[i] * 1e4);
			const y = Math.round(s.lat[i] * 1e4);
			const key = ((x & 0x7fff) << 15) | (y & 0x7fff);
			let p = points.get(key);
			if (p && (p.x !== x || p.y !== y)) {
				const exact = `${x},${y}`;
				p = clashes.get(exact);
				if (!p) clashes.set(exact, (p = { x, y, count: 0, harm: 0, latest: i }));
			} else if (!p) points.set(key, (p = { x, y, count: 0, harm: 0, latest: i }));
			p.count++;
			p.harm += s.harm[i];
			if (when(s, i) > when(s, p.latest)) p.latest = i;
		}
	}
	// named only once chosen: building a name for each of thousands of places costs more than the rest
	const placeRows: { text: boolean; i: number; count: number; harm: number }[] = [];
	for (let l = 0; l < nl; l++) if (locCount[l] >= 2) placeRows.push({ text: true, i: locLatest[l], count: locCount[l], harm: locHarm[l] });
	for (const m of [points, clashes]) for (const p of m.values()) if (p.count >= 2) placeRows.push({ text: false, i: p.latest, count: p.count, harm: p.harm });
	const repeatLocations = placeRows
		.sort((a, b) => b.count - a.count || b.harm - a.harm || a.i - b.i)
		.slice(0, top)
		.map((p) => ({
			location: p.text ? s.locations[s.loc[p.i]] : `${s.lat[p.i].toFixed(4)}, ${s.lon[p.i].toFixed(4)}`,
			lon: s.lon[p.i],
			lat: s.lat[p.i],
			count: p.count,
			harm: p.harm,
			latest: latestOf(s, p.i)
		}));

	// one pass over the links, person by person
	type Row = { person: number; count: number; harm: number; latest: number; hCount: number; hHarm: number; hLatest: number };
	const accused: Row[] = [];
	const victims: Row[] = [];
	let witnesses = 0;
	const later = (a: number, b: number) => (b < 0 || when(s, a) > when(s, b) ? a : b);
	for (let k = 0; k < links.n; ) {
		const person = links.person[k];
		// here: the chosen records; h: every record held (the offending history); v: as a victim
		let [aCount, aHarm, aLatest] = [0, 0, -1];
		let [hCount, hHarm, hLatest] = [0, 0, -1];
		let [vCount, vHarm, vLatest] = [0, 0, -1];
		let lastAcc = -1;
		let lastVic = -1;
		for (; k < links.n && links.person[k] === person; k++) {
			const rec = links.rec[k];
			const role = links.role[k];
			if (role <= 1) {
				if (rec === lastAcc) continue; // suspect and offender in one record: once
				lastAcc = rec;
				hCount++;
				hHarm += s.harm[rec];
				hLatest = later(rec, hLatest);
				if (chosen[rec]) {
					aCount++;
					aHarm += s.harm[rec];
					aLatest = later(rec, aLatest);
				}
			} else if (role === 2) {
				if (rec === lastVic || !chosen[rec]) continue;
				lastVic = rec;
				vCount++;
				vHarm += s.harm[rec];
				vLatest = later(rec, vLatest);
			} else if (chosen[rec]) witnesses++;
		}
		if (aCount > 0) accused.push({ person, count: aCount, harm: aHarm, latest: aLatest, hCount, hHarm, hLatest });
		if (vCount >= 2) victims.push({ person, count: vCount, harm: vHarm, latest: vLatest, hCount: 0, hHarm: 0, hLatest: -1 });
	}
	// ties go to the person recorded first, so the list is stable from view to view
	const order = (a: Row, b: Row) => b.count - a.count || b.harm - a.harm || a.person - b.person;
	const suspects = accused
		.sort(order)
		.slice(0, top)
		.map((r) => ({
			person: links.persons[r.person],
			count: r.count,
			harm: r.harm,
			latest: latestOf(s, r.latest),
			history: { count: r.hCount, harm: r.hHarm, latest: latestOf(s, r.hLatest) }
		}));
	const repeatVictims = victims
		.sort(order)
		.slice(0, top)
		.map((r) => ({ person: links.persons[r.person], count: r.count, harm: r.harm, latest: latestOf(s, r.latest) }));
	return { repeatLocations, repeatVictims, suspects, witnesses };
}

export type PeoplePanel = ReturnType<typeof people>;
