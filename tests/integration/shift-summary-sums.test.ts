// Every figure of a shift summary adds up, on the demo's own seeded record: real Oxford crime
// records, the real detector's hot spots, simulated officers walking real streets for 12 hours
// and the batch presence engine's visits — on both databases. The exports of each shift total
// what the page shows, and the PDF prints every character in a font that has it.
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftsOn, type Shift } from '../../src/lib/domain/shifts/shifts.ts';
import { parseCsv } from '../../src/lib/domain/import/csv.ts';
import { backfillDemoHistory } from '../../src/lib/server/services/demo-history.ts';
import { seedDemo } from '../../src/lib/server/services/demo-seed.ts';
import { exportShift } from '../../src/lib/server/services/shift-exports.ts';
import { PDF_FONTS, renderSummaryPdf } from '../../src/lib/server/services/summary-pdf.ts';
import { shiftSummary } from '../../src/lib/server/services/summary.ts';
import { buildStreetGraph } from '../../src/lib/domain/simulation/street-graph.ts';
import { pdfText } from '../pdf-text.ts';
import { fontCodePoints } from '../ttf-cmap.ts';
import { startTestServer, testConfig, testDatabases, type TestServer } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const ROOT = new URL('../../', import.meta.url).pathname;
const NOW = DateTime.fromISO('2026-11-26T16:00', { zone: 'Europe/London' }).toMillis();
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const num = (c: string) => (c === 'true' ? 1 : c === 'false' ? 0 : Number(c));
const column = (rows: string[][], name: string) => {
	const i = rows[0].indexOf(name);
	if (i < 0) throw new Error(`no column ${name} in ${rows[0].join(',')}`);
	return rows.slice(1).map((r) => num(r[i]));
};

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	let server: TestServer;
	// the demo's last 12 hours run 04:00–16:00: the end of the night, the early shift, the late so far
	const shifts: Shift[] = [shiftsOn('2026-11-25').find((s) => s.name === 'Night')!, ...shiftsOn('2026-11-26').filter((s) => s.name !== 'Night')];

	beforeAll(async () => {
		server = await startTestServer(testConfig(database.fresh()), { now: () => NOW });
		const seeded = await seedDemo(server.app, { officers: 8, crimeFile: `${ROOT}demo/oxford-centre-2024-01-04.csv` });
		const graph = buildStreetGraph(JSON.parse(readFileSync(`${ROOT}static/basemap/oxford.geojson`, 'utf8')).features);
		const history = await backfillDemoHistory(server.app, seeded.simOfficers.map((o) => o.id), graph);
		expect(history.visits).toBeGreaterThan(20);
		const spot = (await server.app.db.selectFrom('hotspots').select('id').orderBy('rank').executeTakeFirstOrThrow()).id;
		const officer = seeded.simOfficers[1].id;
		const t = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toMillis();
		await server.app.db.insertInto('activities').values([
			{ id: 'act-sum-0001', officer_id: officer, hotspot_id: spot, t: t('2026-11-26T08:30'), kind: 'visible-presence', note: null, received_at: NOW },
			{ id: 'act-sum-0002', officer_id: officer, hotspot_id: null, t: t('2026-11-26T09:30'), kind: 'stop-search', note: 'a note', received_at: NOW }
		]).execute();
	}, 240_000);

	afterAll(async () => {
		await server?.close();
	});

	it('adds up on the page: hot spots, teams, officers, hours and lengths to the headline', async () => {
		let seen = 0;
		for (const shift of shifts) {
			const s = await shiftSummary(server.app, shift, { perOfficer: true });
			const t = s.total;
			seen += t.visits;
			for (const key of ['doses', 'due', 'met', 'visits', 'patrolMinutes', 'officerMinutes', 'unknownMinutes'] as const) expect(sum(s.hotspots.map((h) => h[key])), `${shift.label} ${key}`).toBe(t[key]);
			for (const h of s.hotspots) expect(h.met).toBeLessThanOrEqual(Math.min(h.due, h.doses));
			for (const key of ['officers', 'visits', 'doses', 'activities'] as const) expect(sum(s.teams.map((tm) => tm[key])), `${shift.label} teams ${key}`).toBe(t[key]);
			expect(sum(s.teams.map((tm) => tm.minutes))).toBe(t.officerMinutes);
			expect(sum(s.officers!.map((o) => o.visits))).toBe(t.visits);
			expect(sum(s.officers!.map((o) => o.doses))).toBe(t.doses);
			expect(sum(s.officers!.map((o) => o.minutes))).toBe(t.officerMinutes);
			expect(s.officers!.filter((o) => o.visits > 0)).toHaveLength(t.officers);
			expect(sum(s.hours.map((h) => h.patrolMinutes))).toBe(t.patrolMinutes);
			expect(sum(s.lengths.map((b) => b.count))).toBe(t.visits);
			// commanders get the same totals without officers
			const agg = await shiftSummary(server.app, shift, { perOfficer: false });
			expect(agg.officers).toBeNull();
			expect(agg.total).toEqual(t);
		}
		// the record is real: the shifts it covers have visits and doses
		expect(seen).toBeGreaterThan(20);
		const early = await shiftSummary(server.app, shifts[1], { perOfficer: false });
		expect(early.total.doses).toBeGreaterThan(0);
		// every activity recorded in the shift counts once: the simulated officers' and the two added here
		const inShift = await server.app.db.selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')).where('t', '>=', shifts[1].start).where('t', '<', shifts[1].end).executeTakeFirstOrThrow();
		expect(Number(inShift.n)).toBeGreaterThanOrEqual(2);
		expect(early.total.activities).toBe(Number(inShift.n));
	});

	it("exports exactly the shift shown: one row per counted visit for supervisors, the page's totals for commanders", async () => {
		for (const shift of shifts) {
			const t = (await shiftSummary(server.app, shift, { perOfficer: false })).total;
			const perVisit = parseCsv(await exportShift(server.app, shift, 'visits', true));
			expect(perVisit.length - 1, shift.label).toBe(t.visits);
			expect(sum(column(perVisit, 'dose'))).toBe(t.doses);
			const visits = parseCsv(await exportShift(server.app, shift, 'visits', false));
			expect(visits[0]).not.toContain('officer');
			expect(visits[0]).not.toContain('start');
			expect(sum(column(visits, 'visits'))).toBe(t.visits);
			expect(sum(column(visits, 'doses'))).toBe(t.doses);
			expect(Math.round(sum(column(visits, 'officer_minutes')))).toBe(t.officerMinutes);
			const dosage = parseCsv(await exportShift(server.app, shift, 'dosage', false));
			expect(sum(column(dosage, 'doses_delivered'))).toBe(t.doses);
			expect(sum(column(dosage, 'doses_due'))).toBe(t.due);
			expect(sum(column(dosage, 'doses_due_met'))).toBe(t.met);
			expect(sum(column(dosage, 'visits'))).toBe(t.visits);
			expect(sum(column(dosage, 'patrol_minutes'))).toBe(t.patrolMinutes);
			const acts = parseCsv(await exportShift(server.app, shift, 'activities', false));
			expect(sum(column(acts, 'count'))).toBe(t.activities);
			expect(acts[0]).not.toContain('note');
			expect(parseCsv(await exportShift(server.app, shift, 'activities', true)).length - 1).toBe(t.activities);
		}
	});

	it('prints the PDF in a font that has every character it uses', async () => {
		const s = await shiftSummary(server.app, shifts[1], { perOfficer: true });
		const { pdf, printed } = await renderSummaryPdf(s);
		for (const bytes of [PDF_FONTS.regular, PDF_FONTS.bold]) {
			const has = fontCodePoints(bytes);
			const missing = [...new Set(printed.join(''))].filter((c) => !has(c.codePointAt(0)!));
			expect(missing).toEqual([]);
		}
		expect(printed.join('')).toContain('≥10 min');
		const text = (await pdfText(pdf)).join('\n');
		expect(text).toContain('≥10 min');
		expect(text).toContain(`Doses delivered ${s.total.doses}; doses due ${s.total.due}`);
		expect(text).not.toContain('"e');
	});
});
