import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { login, open, mapReady } from './helpers.ts';

// The server's own database, read directly: every figure on the page must equal a count made here.
const state = JSON.parse(readFileSync(process.env.E2E_STATE!, 'utf8')) as { db: string };
const db = () => new Database(state.db, { readonly: true, fileMustExist: true });
const one = (q: string, ...args: unknown[]) => {
	const d = db();
	try {
		return Number(Object.values(d.prepare(q).get(...args) as object)[0]);
	} finally {
		d.close();
	}
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

async function heatTotal(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const map = (window as unknown as { __hpMap: { getSource(id: string): { getData(): Promise<GeoJSON.FeatureCollection> } } }).__hpMap;
		const data = await map.getSource('dash-heat').getData();
		return data.features.reduce((s, f) => s + (f.properties!.count as number), 0);
	});
}

async function expectConsistent(page: Page, count: number, harm: number) {
	await expect(page.getByTestId('headline-count')).toHaveText(fmt(count));
	await expect(page.getByTestId('headline-harm')).toHaveText(fmt(harm));
	// the type table adds up to the headline, and the map's heat holds the same records
	await expect
		.poll(async () => (await page.getByTestId('by-type').locator('tbody tr[data-count]').evaluateAll((rows) => rows.reduce((s, r) => s + Number(r.getAttribute('data-count')), 0))))
		.toBe(count);
	await expect.poll(() => heatTotal(page)).toBe(count);
}

/** Count and harm of the records a WHERE clause selects; with `night`, only those timed between 18:00 and 06:00 local. */
function expected(where: string, night = false): { count: number; harm: number } {
	const d = db();
	const rows = d.prepare(`select occurred_at as t, harm from crime_records where ${where}`).all() as { t: number | null; harm: number }[];
	d.close();
	const kept = night
		? rows.filter((r) => {
				if (r.t === null) return false;
				const h = DateTime.fromMillis(r.t, { zone: 'Europe/London' }).hour;
				return h < 6 || h >= 18;
			})
		: rows;
	return { count: kept.length, harm: kept.reduce((s, r) => s + r.harm, 0) };
}

test('filters drive the figures, the charts, the map and the table, all equal to the database', async ({ page }) => {
	await login(page, 'an-di');
	await open(page, '/dashboard?from=2024-01&to=2024-04');
	await mapReady(page);
	const period = `month between '2024-01' and '2024-04'`;
	let e = expected(period);
	await expectConsistent(page, e.count, e.harm);

	// night, by each record's local hour (Europe/London, across the March clock change)
	await page.locator('select[name=dn]').selectOption('night');
	await expect(page).toHaveURL(/dn=night/);
	e = expected(period, true);
	expect(e.count).toBeGreaterThan(0);
	await expectConsistent(page, e.count, e.harm);
	await expect(page.getByTestId('hour-grid')).toHaveAttribute('data-total', String(e.count));

	// one type: the URL carries it, and everything narrows to it
	await page.getByText(/^Crime types:/).click();
	await page.getByLabel('Violence and sexual offences', { exact: true }).check();
	await expect(page).toHaveURL(/type=Violence/);
	const violence = `${period} and category = 'Violence and sexual offences'`;
	e = expected(violence, true);
	expect(e.count).toBeGreaterThan(0);
	await expectConsistent(page, e.count, e.harm);
	const incidents = page.getByTestId('incidents').locator('tbody tr[data-id]');
	expect(await incidents.count()).toBeGreaterThan(0);
	for (const c of await incidents.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-category')))) expect(c).toBe('Violence and sexual offences');

	// back to all day; a district
	await page.locator('select[name=dn]').selectOption('all');
	await page.locator('select[name=area]').selectOption('lsoa:Oxford');
	await expect(page).toHaveURL(/area=lsoa%3AOxford/);
	e = expected(`${violence} and lsoa_name like 'Oxford%'`);
	expect(e.count).toBeGreaterThan(0);
	await expectConsistent(page, e.count, e.harm);

	// zoomed in, single records appear as points, counted for the view
	await page.evaluate(() => (window as unknown as { __hpMap: { jumpTo(o: object): void } }).__hpMap.jumpTo({ center: [-1.2577, 51.7527], zoom: 16 }));
	await expect(page.getByTestId('points-status')).toContainText(/records in view|records shown/);
});

test('the people panel: analysts only, and every view of it leaves an audit row', async ({ browser }) => {
	const views = () => one(`select count(*) from audit_log where operation = 'consultation' and subject = 'people-panel'`);
	const analyst = await (await browser.newContext()).newPage();
	await login(analyst, 'an-di');
	const before = views();
	await open(analyst, '/dashboard?from=2024-01&to=2024-04');
	const panel = analyst.getByTestId('people-panel');
	await expect(panel).toBeVisible();
	expect(views()).toBe(before + 1);
	// the top suspect's history is what the database holds for them
	const top = analyst.getByTestId('suspects').locator('tbody tr[data-ref]').first();
	const ref = (await top.getAttribute('data-ref'))!;
	const history = one(
		`select count(distinct crime_id) from crime_persons join persons on persons.id = person_id where persons.ref = ? and role in ('suspect', 'offender')`,
		ref
	);
	await expect(top.locator('td').nth(4)).toHaveText(String(history));
	// a filter change is another view
	await analyst.locator('select[name=from]').selectOption('2024-03');
	await expect(analyst).toHaveURL(/from=2024-03/);
	await expect(panel).toBeVisible();
	await expect.poll(views).toBe(before + 2);

	// a record's drill-down names its people for the analyst, and is audited
	await open(analyst, '/dashboard?from=2024-01&to=2024-04&type=Violence+and+sexual+offences');
	await analyst.getByTestId('incidents').locator('tbody tr[data-id] a').first().click();
	await expect(analyst.getByTestId('record')).toBeVisible();
	await expect(analyst.getByTestId('record-people')).toBeVisible();

	for (const user of ['insp-cy', 'pc-ada', 'sgt-bo']) {
		const page = await (await browser.newContext()).newPage();
		await login(page, user);
		const n = views();
		await open(page, '/dashboard?from=2024-01&to=2024-04');
		await expect(page.getByTestId('headline-count')).toBeVisible();
		await expect(page.getByTestId('people-panel')).toHaveCount(0);
		expect(views()).toBe(n);
		const id = await page.getByTestId('incidents').locator('tbody tr[data-id]').first().getAttribute('data-id');
		await open(page, `/dashboard/record/${id}`);
		await expect(page.getByTestId('record')).toBeVisible();
		await expect(page.getByTestId('record-people')).toHaveCount(0);
		// officers get the reduced view: no exports
		const csv = await page.request.get('/dashboard/export/csv?from=2024-01&to=2024-04');
		expect(csv.status()).toBe(user === 'pc-ada' ? 403 : 200);
	}
});
