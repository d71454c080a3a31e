// An analyst from elsewhere on the import page: a tab-separated State Plane file through a saved
// mapping, the imports listed with what they stored, one removed after a confirmation; bad upload
// names refused with a reason; a detection that cannot weigh anything says why.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { login, open } from './helpers.ts';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;

test('an analyst imports a Memphis export through a mapping, sees it listed and removes it', async ({ page }) => {
	await login(page, 'an-di');
	await open(page, '/analyst/import');
	await page.locator('input[name=name]').fill('Memphis RMS (e2e)');
	await page.locator('textarea[name=mapping]').fill(readFileSync(fixture('mappings/memphis-parts.json'), 'utf8'));
	await page.getByRole('button', { name: 'Save mapping' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved “Memphis RMS (e2e)”.');

	await page.getByLabel('Column mapping').selectOption({ label: 'Memphis RMS (e2e)' });
	await page.locator('input[type=file][multiple]').setInputFiles(fixture('elsewhere/memphis-2019-q1-2274.tsv'));
	const results = page.getByTestId('import-results');
	await expect(results).toContainText('mapped CSV: 490 rows; 477 added, 0 updated, 10 without a location, 0 rejected, 3 repeated ids');

	const row = page.getByTestId('imports').locator('tbody tr').filter({ hasText: 'memphis-2019-q1-2274.tsv' });
	await expect(row).toContainText('mapping “Memphis records system');
	await expect(row.locator('td').nth(5)).toHaveText('477');
	await expect(row.locator('td').nth(9)).toHaveText('477');
	const id = (await row.locator('td').first().textContent())!.trim();

	page.once('dialog', (d) => d.dismiss());
	await row.getByRole('button', { name: `Remove import ${id}` }).click();
	await expect(row).toHaveCount(1);
	page.once('dialog', (d) => d.accept());
	await row.getByRole('button', { name: `Remove import ${id}` }).click();
	await expect(page.getByRole('status').filter({ hasText: `Removed import ${id}` })).toHaveText(`Removed import ${id} (memphis-2019-q1-2274.tsv): 477 records.`);
	await expect(row).toHaveCount(0);
});

test('a bad upload name is refused with a reason, not a server error', async ({ page }) => {
	await login(page, 'an-di');
	for (const [name, reason] of [
		['../../x', 'not a path'],
		['..', 'not a path'],
		['x\u0001.csv', 'control character'],
		['a'.repeat(10_240), 'at most 255'],
		['', 'empty']
	]) {
		const r = await page.request.post(`/api/analyst/imports?${new URLSearchParams({ file: name, job: 'e2e-bad-name-job' })}`, { data: 'Crime ID,Month\n', headers: { 'content-type': 'application/octet-stream' } });
		expect(r.status(), JSON.stringify(name.slice(0, 20))).toBe(400);
		expect((await r.json()).message).toContain(reason);
	}
});

test('finding hot spots in anti-social behaviour by harm says why there are none', async ({ page }) => {
	await login(page, 'an-di');
	await open(page, '/analyst/detect');
	await page.getByRole('checkbox', { name: /Anti-social behaviour/ }).check();
	await page.getByRole('button', { name: 'Find hot spots' }).click();
	await expect(page.getByRole('alert')).toContainText('No hot spots: nothing to weigh: Anti-social behaviour has harm weight 0');
	await expect(page.getByRole('alert')).toContainText('Choose “count” under “Weigh by”');
});
