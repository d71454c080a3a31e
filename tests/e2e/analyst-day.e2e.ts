// The analyst's day as one story, on the production build: find hot spots sized to the officers
// there are, look at what publishing would change, publish, think better of it and restore the
// set before; then the dashboard on a phone, which must say why it cannot compare and how many
// records day or night leaves out. Screenshots of each main screen go to docs/screenshots/.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { login, open } from './helpers.ts';

const state = JSON.parse(readFileSync(process.env.E2E_STATE!, 'utf8')) as { db: string };
function rows<T>(q: string, ...args: unknown[]): T[] {
	const d = new Database(state.db, { readonly: true, fileMustExist: true });
	try {
		return d.prepare(q).all(...args) as T[];
	} finally {
		d.close();
	}
}
const shot = (name: string) => new URL(`../../docs/screenshots/${name}`, import.meta.url).pathname;

test('an analyst sizes hot spots to capacity, previews and publishes, then restores the previous set', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 1000 });
	const live = rows<{ id: number; name: string; n: number }>(
		`select s.id, s.name, (select count(*) from hotspots h where h.set_id = s.id) as n from hotspot_sets s where s.status = 'published'`
	)[0];
	await login(page, 'an-di');
	await open(page, '/analyst/detect');

	// the default is the capacity rule with sensible inputs, and the page shows the sum
	await expect(page.getByLabel('Officers on hot spot patrol per shift')).toHaveValue('4');
	await expect(page.getByLabel('Shifts per day')).toHaveValue('3');
	await expect(page.getByTestId('capacity-rule')).toContainText('4 × 3 × 3 = 36 patrols a day ÷ 2 doses each = 18 hot spots');
	// this force has one officer free for hot spots a shift: 1 × 3 × 3 ÷ 3 = 3
	await page.getByLabel('Officers on hot spot patrol per shift').fill('1');
	await page.getByLabel('Doses per hot spot per day').fill('3');
	const formula = (1 * 3 * 3) / 3;
	await expect(page.getByTestId('capacity-count')).toHaveText(String(formula));
	await page.getByLabel('Name').fill('Three for one officer');
	await page.getByLabel('Cell size, metres').fill('100');
	await page.screenshot({ path: shot('analyst-detect.png'), fullPage: true });
	await page.getByRole('button', { name: 'Find hot spots' }).click();
	await expect(page).toHaveURL(/\/analyst\/sets\/\d+$/);
	const draftId = Number(/sets\/(\d+)/.exec(page.url())![1]);

	const table = page.getByTestId('hotspots').locator('tbody tr');
	await expect(table).toHaveCount(formula);
	expect(formula).toBeLessThanOrEqual(150);
	const chosen = page.getByTestId('chosen');
	const said = (await chosen.textContent())!.replace(/\s+/g, ' ').trim();
	expect(said).toMatch(/^3 of \d+ significant hot spots kept — by capacity: 1 officer × 3 patrols × 3 shifts ÷ 3 doses per hot spot per day = 3\. They hold \d+ % of the study area's harm\.$/);
	const significant = Number(/of (\d+) significant/.exec(said)![1]);
	expect(significant).toBeGreaterThanOrEqual(formula);
	// the share is the kept hot spots' harm over the study area's, as stored
	const { totalHarm } = JSON.parse(rows<{ results: string }>('select results from hotspot_sets where id = ?', draftId)[0].results).study as { totalHarm: number };
	const keptHarm = rows<{ h: number }>('select sum(harm) as h from hotspots where set_id = ?', draftId)[0].h;
	await expect(page.getByTestId('chosen-share')).toHaveText(`${Math.round((keptHarm / totalHarm) * 100)} %`);

	// Publish is a preview first: added, removed and kept against the live set, and the workload
	await page.getByRole('link', { name: 'Publish this set…' }).click();
	await expect(page).toHaveURL(`/analyst/sets/${draftId}/publish`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Publish “Three for one officer”?');
	await expect(page.getByText(`It replaces ${live.name} (${live.n} hot spots)`)).toBeVisible();
	const added = Number(await page.getByTestId('preview-added').textContent());
	const removed = Number(await page.getByTestId('preview-removed').textContent());
	const kept = Number(await page.getByTestId('preview-kept').textContent());
	expect(added + kept).toBe(formula);
	expect(removed + kept).toBe(live.n);
	await expect(page.getByTestId('preview-workload')).toContainText('3 hot spots × 3 doses a day = 9 patrols a day, against 9 available (1 officer × 3 patrols × 3 shifts): 100 % of capacity.');
	await expect(page.getByTestId('set-status')).toHaveCount(0);
	expect(rows<{ status: string }>('select status from hotspot_sets where id = ?', draftId)[0].status).toBe('draft');
	await page.screenshot({ path: shot('analyst-publish-preview.png'), fullPage: true });

	await page.getByRole('button', { name: 'Confirm: publish 3 hot spots' }).click();
	await expect(page).toHaveURL(`/analyst/sets/${draftId}`);
	await expect(page.getByTestId('set-status')).toHaveText('published');
	expect(rows<{ status: string }>('select status from hotspot_sets where id = ?', live.id)[0].status).toBe('archived');

	// one step back, from the set page
	// a restore switches every phone at once: the page asks first
	page.once('dialog', (d) => {
		expect(d.message()).toContain(`Restore "${live.name}"?`);
		void d.accept();
	});
	await page.getByRole('button', { name: `Restore the previous set (${live.name})` }).click();
	await expect(page).toHaveURL(`/analyst/sets/${live.id}?restored=1`);
	await expect(page.getByTestId('restored')).toHaveText('Restored: officers and the control room are back on this set.');
	await expect(page.getByTestId('set-status')).toHaveText('published');
	expect(rows<{ status: string }>('select status from hotspot_sets where id = ?', draftId)[0].status).toBe('archived');
	const audited = rows<{ subject: string; detail: string; actor: string }>(`select subject, detail, actor from audit_log where subject like 'hotspot-set:%' order by id`);
	expect(audited.map((a) => [a.subject, JSON.parse(a.detail).event, a.actor])).toEqual([
		[`hotspot-set:${draftId}`, 'published', 'an-di'],
		[`hotspot-set:${live.id}`, 'restored', 'an-di']
	]);
	// and the restore can itself be undone from the overview
	await open(page, '/analyst');
	await expect(page.getByRole('button', { name: 'Restore the previous set (Three for one officer, 3 hot spots)' })).toBeVisible();
});

test('the dashboard fits a 390 px phone, says why it cannot compare and how many records have no time', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	const page = await context.newPage();
	await login(page, 'an-di');

	// February–April against November–January: the records start in January, so no comparison
	await open(page, '/dashboard?from=2024-02&to=2024-04');
	await expect(page.getByTestId('no-comparison')).toHaveText('No comparison: records start in 2024-01, so the 3 months before (2023-11 to 2024-01) are not on record.');
	await expect(page.getByTestId('headline-count').locator('..')).not.toContainText('on the period before');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// January at night: police.uk's records carry only the month, and the page says how many
	const untimed = rows<{ n: number }>(`select count(*) as n from crime_records where month = '2024-01' and occurred_at is null`)[0].n;
	const timed = rows<{ n: number }>(`select count(*) as n from crime_records where month = '2024-01' and occurred_at is not null`)[0].n;
	expect(untimed).toBeGreaterThan(0);
	await open(page, '/dashboard?from=2024-01&to=2024-01&dn=night');
	const fmt = (n: number) => n.toLocaleString('en-GB');
	await expect(page.getByTestId('no-time-left-out')).toContainText(`Night shows timed records only: ${fmt(untimed)} records of the period have no time of day (police.uk gives only the month) and are left out.`);
	await expect(page.getByTestId('no-time')).toHaveText(`${fmt(untimed)} of ${fmt(untimed + timed)} without a time`);
	await expect(page.getByTestId('no-comparison')).toContainText('records start in 2024-01');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.screenshot({ path: shot('dashboard-phone.png'), fullPage: false });
	await page.screenshot({ path: '/tmp/an-dashboard-phone-full.png', fullPage: true });
	await context.close();
});
