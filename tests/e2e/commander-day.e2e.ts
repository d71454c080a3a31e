// A commander's day on the production build, on a server of its own whose database has a real
// past (tests/e2e/seed-history.ts: simulated officers' last 12 hours through the presence engine):
// the summary of the last completed shift adds up on screen, the exports of that shift total what
// the page shows, the PDF prints "≥10 min" as text, and the supervisor's per-visit CSV has one row
// per visit the page counts. Screenshots at wall and phone size.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parseCsv } from '../../src/lib/domain/import/csv.ts';
import { pdfText } from '../pdf-text.ts';
import { login, open } from './helpers.ts';

const PORT = Number(
	spawnSync(process.execPath, ['-e', "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '' }
	}).stdout.trim()
);
if (!Number.isInteger(PORT) || PORT <= 0) throw new Error('commander-day e2e: could not find a free port');
const BASE = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'hp-commander-'));
const DB = join(dir, 'commander.db');
const LOG = join(dir, 'server.log');
const logTail = () => (existsSync(LOG) ? readFileSync(LOG, 'utf8').trim().split('\n').slice(-10).join('\n') : '(no log)');

let server: ChildProcess | null = null;

test.use({ baseURL: BASE });

test.beforeAll(async () => {
	test.setTimeout(240_000);
	const log = openSync(LOG, 'a');
	server = spawn(process.execPath, ['tests/e2e/serve.ts'], {
		env: { ...process.env, E2E_PORT: String(PORT), E2E_DB: DB, E2E_STATE: join(dir, 'state.json'), E2E_OFFICERS: '10' },
		stdio: ['ignore', log, log]
	});
	closeSync(log);
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the e2e server exited:\n${logTail()}`);
		if ((await fetch(`${BASE}/api/health`).catch(() => null))?.ok) break;
		if (Date.now() > deadline) throw new Error(`the e2e server did not answer in 120 s:\n${logTail()}`);
		await new Promise((r) => setTimeout(r, 250));
	}
	const seeded = spawnSync(process.execPath, ['tests/e2e/seed-history.ts', DB], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
	if (seeded.status !== 0) throw new Error(`seed-history failed:\n${seeded.stderr}`);
});

test.afterAll(async () => {
	server?.kill('SIGTERM');
});

const num = async (l: Locator) => Number((await l.innerText()).trim());
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A table column as numbers, body rows only; the footer's cell of that column. */
async function column(table: Locator, header: string) {
	const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
	const i = headers.indexOf(header);
	expect(i, `column "${header}" in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
	const body = (await table.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => r.children[i]?.textContent ?? ''), i)).map((c) => Number(c.replace(/[^\d.]/g, '')));
	const foot = await table.locator('tfoot tr').evaluate((r, i) => {
		// the footer's cells may span columns: find the cell covering column i
		let at = 0;
		for (const c of Array.from(r.children) as HTMLTableCellElement[]) {
			if (i < at + c.colSpan) return c.textContent ?? '';
			at += c.colSpan;
		}
		return '';
	}, i);
	return { body, foot: Number(foot.replace(/[^\d.]/g, '')) };
}

async function download(page: Page, name: string | RegExp): Promise<Buffer> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
	const path = await file.path();
	return readFileSync(path);
}

const csvColumn = (rows: string[][], name: string) => {
	const i = rows[0].indexOf(name);
	expect(i, `CSV column ${name} in ${rows[0].join(',')}`).toBeGreaterThanOrEqual(0);
	return rows.slice(1).map((r) => (r[i] === 'true' ? 1 : r[i] === 'false' ? 0 : Number(r[i])));
};

test("a commander's shift summary adds up, and its exports and PDF are that shift", async ({ browser }, info) => {
	test.setTimeout(180_000);
	const commander = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true })).newPage();
	await login(commander, 'insp-cy');
	await open(commander, '/command');
	const h1 = await commander.getByRole('heading', { level: 1 }).innerText();
	const [, name, date] = /Shift summary — (\S+) (\d{4}-\d{2}-\d{2})/.exec(h1) ?? [];
	expect(name, h1).toBeTruthy();

	// the headline, and the definition beside it
	const visits = await num(commander.getByTestId('visits-total'));
	const delivered = await num(commander.getByTestId('doses-delivered'));
	const due = await num(commander.getByTestId('doses-due'));
	const met = await num(commander.getByTestId('doses-met'));
	const officers = await num(commander.getByTestId('officers-total'));
	const patrol = await num(commander.getByTestId('patrol-minutes'));
	const officerMinutes = await num(commander.getByTestId('officer-minutes'));
	expect(visits, 'the seeded past has visits in the last completed shift').toBeGreaterThan(0);
	expect(due).toBeGreaterThan(0);
	expect(met).toBeLessThanOrEqual(Math.min(due, delivered));
	await expect(commander.getByTestId('definition')).toContainText('A dose is a visit of 10 minutes or more');
	await expect(commander.getByTestId('definition')).toContainText('Doses due: one per hot spot for each of its live windows');

	// every column adds up to the headline, on screen
	const spots = commander.getByTestId('per-hotspot');
	for (const [header, total] of [['Doses delivered', delivered], ['Due', due], ['Due met', met], ['Visits', visits], ['Patrol min', patrol], ['Officer min', officerMinutes]] as const) {
		const c = await column(spots, header);
		expect(sum(c.body), header).toBe(total);
		expect(c.foot, `${header} footer`).toBe(total);
	}
	const teams = commander.getByTestId('per-team');
	for (const [header, total] of [['Officers', officers], ['Visits', visits], ['Doses delivered', delivered], ['Officer min', officerMinutes]] as const) {
		const c = await column(teams, header);
		expect(sum(c.body), `teams ${header}`).toBe(total);
		expect(c.foot).toBe(total);
	}
	await expect(commander.getByTestId('per-officer')).toHaveCount(0);
	const axe = await new AxeBuilder({ page: commander }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(axe.violations.map((v) => `${v.id} — ${v.help} (${v.nodes.length}) ${v.nodes[0]?.html.slice(0, 200)}`)).toEqual([]);

	// the commander's exports are that shift's aggregates, with the page's totals
	const dosage = parseCsv((await download(commander, 'Dosage CSV')).toString('utf8'));
	expect(sum(csvColumn(dosage, 'doses_delivered'))).toBe(delivered);
	expect(sum(csvColumn(dosage, 'doses_due'))).toBe(due);
	expect(sum(csvColumn(dosage, 'doses_due_met'))).toBe(met);
	expect(sum(csvColumn(dosage, 'visits'))).toBe(visits);
	expect(sum(csvColumn(dosage, 'patrol_minutes'))).toBe(patrol);
	const aggregated = parseCsv((await download(commander, 'Visits CSV')).toString('utf8'));
	expect(aggregated[0]).not.toContain('officer');
	expect(aggregated[0]).not.toContain('start');
	expect(sum(csvColumn(aggregated, 'visits'))).toBe(visits);
	expect(sum(csvColumn(aggregated, 'doses'))).toBe(delivered);
	expect(Math.round(sum(csvColumn(aggregated, 'officer_minutes')))).toBe(officerMinutes);
	expect(new Set(aggregated.slice(1).map((r) => `${r[0]} ${r[1]}`))).toEqual(new Set([`${date} ${name}`]));
	const bad = await commander.request.get('/api/command/export/visits?date=2026-11-26&shift=Brunch');
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('shift: one of Early, Late, Night');

	// the PDF: the same figures, and "≥10 min" as text a reader can copy
	const pdf = (await pdfText(await download(commander, 'PDF'))).join('\n');
	expect(pdf).toContain('≥10 min');
	expect(pdf).not.toContain('"e10');
	expect(pdf).toContain(`Doses delivered ${delivered}; doses due ${due}, of which met ${met}`);
	expect(pdf).toContain(`${visits} visits by ${officers} officers`);

	await commander.screenshot({ path: info.outputPath('shift-summary.png'), fullPage: false });
	const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })).newPage();
	await login(phone, 'insp-cy');
	await open(phone, `/command?date=${date}&shift=${name}`);
	await expect(phone.getByTestId('visits-total')).toHaveText(String(visits));
	await phone.screenshot({ path: info.outputPath('shift-summary-phone.png'), fullPage: false });

	// the supervisor's per-visit CSV of the same shift: one row per visit the page counts
	const supervisor = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true })).newPage();
	await login(supervisor, 'sgt-bo');
	await open(supervisor, `/command?date=${date}&shift=${name}`);
	await expect(supervisor.getByTestId('visits-total')).toHaveText(String(visits));
	await expect(supervisor.getByTestId('per-officer')).toBeVisible();
	const perVisit = parseCsv((await download(supervisor, 'Visits CSV')).toString('utf8'));
	expect(perVisit[0]).toContain('officer');
	expect(perVisit.length - 1).toBe(visits);
	expect(sum(csvColumn(perVisit, 'dose'))).toBe(delivered);
	const officerRows = await column(supervisor.getByTestId('per-officer'), 'Visits');
	expect(sum(officerRows.body)).toBe(visits);
});
