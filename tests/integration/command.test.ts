// Shift summaries, exports and trials on both databases, from visits and activities stored as the
// presence engine stores them.
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shiftsOn } from '../../src/lib/domain/shifts/shifts.ts';
import { insertHotspots, insertHotspotSet } from '../../src/lib/server/db/queries/hotspots.ts';
import { upsertVisits, visitId, type StoredVisit } from '../../src/lib/server/db/queries/visits.ts';
import { parseCsv } from '../../src/lib/domain/import/csv.ts';
import { createUser } from '../../src/lib/server/services/auth.ts';
import { publishSet } from '../../src/lib/server/services/detection.ts';
import { exportActivities, exportDosage, exportVisits } from '../../src/lib/server/services/exports.ts';
import { sendMe } from '../../src/lib/server/services/send-me.ts';
import { shiftSummary, recognition } from '../../src/lib/server/services/summary.ts';
import { summaryPdf } from '../../src/lib/server/services/summary-pdf.ts';
import { assignment, createTrial, currentTrial, evaluateTrialSoFar, treatedToday } from '../../src/lib/server/services/trials.ts';
import { startDuty } from '../../src/lib/server/db/queries/duty.ts';
import { startTestServer, testConfig, testDatabases, type TestServer } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toMillis();
const MIN = 60_000;
const square = (lon: number, lat: number): [number, number][][] => [[[lon, lat], [lon + 0.0015, lat], [lon + 0.0015, lat + 0.001], [lon, lat + 0.001], [lon, lat]]];
const dayNight = [
	{ days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', to: '18:00', tz: 'Europe/London' },
	{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '06:00', tz: 'Europe/London' }
];

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let server: TestServer;
	let now = at('2026-11-26T16:00');
	let ids: { a: number; b: number; c: number };
	let spots: number[];

	function visit(officer: number, hotspot: number, startIso: string, minutes: number, foot = true): StoredVisit {
		const start = at(startIso);
		const end = start + minutes * MIN;
		return {
			id: visitId(officer, hotspot, start),
			officer,
			hotspot,
			start,
			end,
			minutes,
			unknownMinutes: 0,
			mode: foot ? 'foot' : 'vehicle',
			stops: 0,
			dose: minutes >= 10,
			open: false,
			inside: [[start, end]],
			unknown: [],
			modeMs: foot ? { foot: minutes * MIN } : { vehicle: minutes * MIN }
		};
	}

	beforeEach(async () => {
		now = at('2026-11-26T16:00');
		server = await startTestServer(testConfig(database.fresh()), { now: () => now });
		const t = now;
		const a = await createUser(server.app.db, { username: 'pc-a', role: 'officer', callsign: 'A1', team: 'Response A' }, t);
		const b = await createUser(server.app.db, { username: 'pc-b', role: 'officer', callsign: 'B1', team: 'Response B' }, t);
		const c = await createUser(server.app.db, { username: 'pc-c', role: 'officer', callsign: 'C1', team: 'Response B' }, t);
		ids = { a: a.id, b: b.id, c: c.id };
		const setId = await insertHotspotSet(server.app.db, { name: 'S', params: {}, targetIntervalS: 4 * 3600, createdBy: null }, t);
		await insertHotspots(
			server.app.db,
			setId,
			[0, 1].map((i) => ({
				key: `k${i}`, rank: i + 1, name: i ? 'Castle Street' : 'Queen Street', polygon: square(-1.26 + i * 0.003, 51.75), centroid: [-1.259 + i * 0.003, 51.7505] as [number, number],
				bbox: [-1.26 + i * 0.003, 51.75, -1.2585 + i * 0.003, 51.751] as [number, number, number, number], crimes: 9, harm: 99, z: 3, p: 0.01, windows: dayNight, why: '', briefing: ''
			}))
		);
		await publishSet(server.app, setId);
		spots = (await server.app.db.selectFrom('hotspots').select('id').orderBy('rank').execute()).map((h) => h.id);
		// the Early shift of 26 November: A doses Queen Street twice, B overlaps A once, C drives by
		await upsertVisits(server.app.db, [
			visit(ids.a, spots[0], '2026-11-26T08:00', 12),
			visit(ids.b, spots[0], '2026-11-26T08:05', 10),
			visit(ids.a, spots[0], '2026-11-26T13:00', 14),
			visit(ids.c, spots[1], '2026-11-26T09:00', 3, false),
			visit(ids.a, spots[1], '2026-11-26T16:30', 11) // the Late shift, not this summary
		], now);
		await server.app.db.insertInto('activities').values([
			{ id: 'act-00000001', officer_id: ids.a, hotspot_id: spots[0], t: at('2026-11-26T08:03'), kind: 'visible-presence', note: null, received_at: now },
			{ id: 'act-00000002', officer_id: ids.b, hotspot_id: spots[0], t: at('2026-11-26T08:07'), kind: 'spoke-businesses', note: '=HYPERLINK("x")', received_at: now }
		]).execute();
	});

	afterEach(async () => {
		await server.close();
	});

	it('summarises a shift: doses against target, patrol- and officer-minutes, shares, teams', async () => {
		const early = shiftsOn('2026-11-26').find((s) => s.name === 'Early')!;
		const s = await shiftSummary(server.app, early, { perOfficer: false });
		const queen = s.hotspots.find((h) => h.name === 'Queen Street')!;
		// one day window overlaps 07:00–15:00: one dose due, met; three visits, all doses delivered
		expect(queen).toMatchObject({ due: 1, met: 1, doses: 3, visits: 3, longShare: 1, footShare: 1 });
		// 08:00–08:12 and 08:05–08:15 overlap: patrol-minutes is their union (15) plus 14
		expect(queen.patrolMinutes).toBe(29);
		expect(queen.officerMinutes).toBe(36);
		expect(queen.activities).toEqual({ 'visible-presence': 1, 'spoke-businesses': 1 });
		const castle = s.hotspots.find((h) => h.name === 'Castle Street')!;
		expect(castle).toMatchObject({ due: 1, met: 0, doses: 0, visits: 1, longShare: 0, footShare: 0 });
		// delivered is every dose, the same figure the rows and teams add to; met is per due window
		expect(s.total).toMatchObject({ due: 2, met: 1, doses: 3, visits: 4, officers: 3 });
		expect(s.officers).toBeNull();
		expect(s.teams).toEqual([
			expect.objectContaining({ team: 'Response A', officers: 1, visits: 2, doses: 2 }),
			expect.objectContaining({ team: 'Response B', officers: 2, visits: 2, doses: 1 })
		]);
		expect(s.lengths.find((b) => b.label === '10–15')!.count).toBe(3);
		const pdf = await summaryPdf(s);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const forSupervisor = await shiftSummary(server.app, early, { perOfficer: true });
		expect(forSupervisor.officers?.map((o) => [o.callsign, o.visits]).sort()).toEqual([['A1', 2], ['B1', 1], ['C1', 1]]);
	});

	it('exports visits, dosage and activities, with teams for commanders and no live formulas', async () => {
		const range = { from: at('2026-11-26T00:00'), to: at('2026-11-27T00:00') };
		const visits = parseCsv(await exportVisits(server.app, range, false));
		expect(visits[0]).toContain('team');
		expect(visits[0]).not.toContain('officer');
		const cell = (rows: string[][], name: string) => rows.slice(1).map((r) => r[rows[0].indexOf(name)]);
		expect(cell(visits, 'team').sort()).toEqual(['Response A', 'Response A', 'Response B', 'Response B']);
		const acts = parseCsv(await exportActivities(server.app, range, true));
		expect(acts[2][6]).toBe(`'=HYPERLINK("x")`);
		const dosage = parseCsv(await exportDosage(server.app, range));
		const day = dosage.find((r) => r[2] === 'Queen Street' && r[3] === new Date(at('2026-11-26T06:00')).toISOString())!;
		expect(day.slice(5, 9)).toEqual(['29', '36', '3', '3']);
	});

	it("gives commanders visits and activities per hot spot, team and day: no visit's times, the same totals", async () => {
		// a second day, so that days are kept apart, and a visit across midnight counted on the day it began
		await upsertVisits(server.app.db, [visit(ids.b, spots[1], '2026-11-27T10:00', 20), visit(ids.c, spots[1], '2026-11-26T23:55', 12)], now);
		const range = { from: at('2026-11-26T00:00'), to: at('2026-11-28T00:00') };
		const perVisit = parseCsv(await exportVisits(server.app, range, true));
		const aggregated = parseCsv(await exportVisits(server.app, range, false));
		const timestamp = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
		for (const rows of [aggregated, parseCsv(await exportActivities(server.app, range, false))]) {
			expect(rows[0]).not.toContain('start');
			expect(rows[0]).not.toContain('officer');
			expect(rows.flat().filter((c) => timestamp.test(c))).toEqual([]);
		}
		const num = (c: string) => (c === 'true' ? 1 : c === 'false' ? 0 : Number(c));
		const col = (rows: string[][], name: string) => rows.slice(1).map((r) => num(r[rows[0].indexOf(name)]));
		const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 1000) / 1000;
		expect(sum(col(aggregated, 'visits'))).toBe(perVisit.length - 1);
		for (const [total, each] of [['minutes', 'minutes'], ['unknown_minutes', 'unknown_minutes'], ['doses', 'dose'], ['stops', 'stops']])
			expect(sum(col(aggregated, total))).toBe(sum(col(perVisit, each)));
		const row = (team: string, day: string, hotspot: number) => aggregated.find((r) => r[aggregated[0].indexOf('team')] === team && r[aggregated[0].indexOf('day')] === day && r[aggregated[0].indexOf('hotspot')] === String(hotspot));
		expect(row('Response A', '2026-11-26', spots[0])?.slice(aggregated[0].indexOf('visits'), aggregated[0].indexOf('visits') + 2)).toEqual(['2', '26']);
		expect(row('Response B', '2026-11-26', spots[1])).toBeDefined();
		expect(row('Response B', '2026-11-27', spots[1])).toBeDefined();
		const acts = parseCsv(await exportActivities(server.app, range, false));
		const perActivity = parseCsv(await exportActivities(server.app, range, true));
		expect(sum(col(acts, 'count'))).toBe(perActivity.length - 1);
		expect(acts[0]).not.toContain('note');
	});

	it('names only officers who opted in to recognition', async () => {
		await server.app.db.updateTable('users').set({ recognition: 1 }).where('id', '=', ids.b).execute();
		const r = await recognition(server.app, at('2026-11-23T06:00'), at('2026-11-30T06:00'));
		expect(r.named).toEqual([{ callsign: 'B1', doses: 1 }]);
		expect(r.others).toEqual({ officers: 1, doses: 3 });
	});

	it('randomises each day from a stored seed and sends officers only to treated hot spots', async () => {
		const id = await createTrial(server.app, { setId: (await server.app.db.selectFrom('hotspot_sets').select('id').executeTakeFirstOrThrow()).id, name: 'T', fraction: 0.5, startDay: '2026-11-20', endDay: '2026-12-20', seed: 'fixed' }, null);
		const trial = (await currentTrial(server.app))!;
		expect(trial.id).toBe(id);
		const arms = await assignment(server.app, trial, '2026-11-26');
		expect([...arms.values()].sort()).toEqual(['control', 'treatment']);
		// stored, and the same when asked again
		expect(await assignment(server.app, trial, '2026-11-26')).toEqual(arms);
		expect(await server.app.db.selectFrom('trial_assignments').selectAll().where('day', '=', '2026-11-26').execute()).toHaveLength(2);
		// the next morning, before anyone has patrolled: both hot spots need a dose, only one is offered
		now = at('2026-11-27T10:00');
		const treated = (await treatedToday(server.app))!;
		expect(treated.size).toBe(1);
		expect([...treated][0]).toBe([...(await assignment(server.app, trial, '2026-11-27')).entries()].find(([, a]) => a === 'treatment')![0]);
		await startDuty(server.app.db, ids.a, now);
		for (let i = 0; i < 10; i++) {
			const pick = await sendMe(server.app, ids.a, { lat: 51.7505, lon: -1.258 }, treated);
			expect(treated.has(pick!.hotspot)).toBe(true);
		}
	});

	it('evaluates a trial from timed crime records: one place-day per day and hot spot, zeros included', async () => {
		const setId = (await server.app.db.selectFrom('hotspot_sets').select('id').executeTakeFirstOrThrow()).id;
		const id = await createTrial(server.app, { setId, name: 'T', fraction: 0.5, startDay: '2026-11-20', endDay: '2026-12-20', seed: 'fixed' }, null);
		const trial = (await currentTrial(server.app))!;
		expect(trial.id).toBe(id);
		// clearly synthetic records: one robbery inside Queen Street each noon, one 50 m outside it each evening
		const rows = [];
		for (let d = 20; d <= 25; d++) {
			rows.push({ source: 'synthetic', source_id: `in-${d}`, month: '2026-11', occurred_at: at(`2026-11-${d}T12:00`), lon: -1.2592, lat: 51.7505, category: 'Robbery', harm: 365 });
			rows.push({ source: 'synthetic', source_id: `near-${d}`, month: '2026-11', occurred_at: at(`2026-11-${d}T19:00`), lon: -1.2592, lat: 51.7497, category: 'Robbery', harm: 365 });
		}
		await server.app.db.insertInto('crime_records').values(rows.map((r) => ({ ...r, import_id: null, offence_code: null, location: null, lsoa_code: null, lsoa_name: null, outcome: null, context: null }))).execute();
		const e = await evaluateTrialSoFar(server.app, trial, { permutations: 19 });
		// days 20–25 are complete on the 26th at 16:00: six days × two hot spots
		expect(e.days).toBe(6);
		expect(e.places).toHaveLength(12);
		expect(e.places!.filter((p) => p.hotspot === String(spots[0])).map((p) => p.crimes)).toEqual([1, 1, 1, 1, 1, 1]);
		expect(e.places!.filter((p) => p.hotspot === String(spots[1])).map((p) => p.crimes)).toEqual([0, 0, 0, 0, 0, 0]);
		expect(e.built).toMatchObject({ counted: 12, elsewhere: 0 });
		expect(e.result!.placeDays).toBe(12);
		// the arms each place had on each day are the stored draw
		for (const p of e.places!) expect((await assignment(server.app, trial, p.day)).get(Number(p.hotspot))).toBe(p.arm);
		expect(e.result!.power.statement).toMatch(/place-days so far/);
	});
});
