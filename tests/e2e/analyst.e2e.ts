import { expect, test } from '@playwright/test';
import { login, open, mapReady } from './helpers.ts';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;

test('an analyst imports a file with progress, finds hot spots, reads why, writes a briefing and publishes', async ({ page }) => {
	await login(page, 'an-di');
	await open(page, '/analyst/import');
	await page.locator('input[type=file][multiple]').setInputFiles(fixture('police-uk/canary-wharf-2014-08.json'));
	const results = page.getByTestId('import-results');
	await expect(results).toContainText('police.uk API JSON: 374 rows; 366 added');
	await expect(results).toContainText('8 repeated ids');
	await expect(results.locator('progress')).toHaveAttribute('value', '100');

	// the same file again adds nothing
	await page.locator('input[type=file][multiple]').setInputFiles(fixture('police-uk/canary-wharf-2014-08.json'));
	await expect(results).toContainText('Already imported: nothing added.');

	await open(page, '/analyst/detect');
	await page.getByLabel('Name').fill('E2E all crime');
	await page.getByLabel('Cell size, metres').fill('100');
	await page.getByRole('button', { name: 'Find hot spots' }).click();
	await expect(page).toHaveURL(/\/analyst\/sets\/\d+/);
	await expect(page.getByTestId('set-status')).toHaveText('draft');
	const rows = page.getByTestId('hotspots').locator('tbody tr');
	await expect(rows.first()).toContainText(/\d+ crimes in (\d+ months of records, )?January(–April)? 2024/);
	await expect(rows.first()).toContainText('FDR-adjusted');
	await expect(page.getByRole('img', { name: /Concentration curve/ })).toBeVisible();
	await mapReady(page);

	const briefing = rows.first().getByLabel('Briefing for officers');
	await briefing.fill('Door staff at the clubs know the regulars; speak to them.');
	await rows.first().getByRole('button', { name: 'Save briefing' }).click();
	await expect(rows.first().getByRole('status')).toHaveText('Saved.');

	await page.getByRole('link', { name: 'Publish this set…' }).click();
	await expect(page.getByTestId('publish-preview')).toBeVisible();
	await page.getByRole('button', { name: /^Confirm: publish \d+ hot spots?$/ }).click();
	await expect(page.getByTestId('set-status')).toHaveText('published');
	await page.reload();
	await expect(rows.first().getByLabel('Briefing for officers')).toHaveValue('Door staff at the clubs know the regulars; speak to them.');

	await open(page, '/analyst');
	await expect(page.getByTestId('sets')).toContainText('E2E all crime');
});

test('a bad mapping is refused with the field named', async ({ page }) => {
	await login(page, 'an-di');
	await open(page, '/analyst/import');
	await page.locator('input[name=name]').fill('broken');
	await page.locator('textarea[name=mapping]').fill('{"source": "x", "month": "m", "lon": "a"}');
	await page.getByRole('button', { name: 'Save mapping' }).click();
	await expect(page.getByRole('alert')).toContainText('give either "lon" and "lat"');
});

test('an analyst draws an exclusion area on the map', async ({ page }) => {
	await login(page, 'an-di');
	await open(page, '/analyst/exclusions');
	const map = page.getByTestId('map');
	await mapReady(page, map);
	const box = (await map.boundingBox())!;
	for (const [dx, dy] of [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6]]) await page.mouse.click(box.x + box.width * dx, box.y + box.height * dy);
	await expect(page.getByText('Click the map to place corners (4 so far).')).toBeVisible();
	await page.getByLabel('Name').fill('HMP Oxford (test)');
	await page.getByLabel('Kind').selectOption('prison');
	await page.getByRole('button', { name: 'Save area' }).click();
	await expect(page.getByRole('status')).toHaveText('Added 1.');
	await expect(page.getByRole('listitem').filter({ hasText: 'HMP Oxford (test) (prison)' })).toBeVisible();
	await page.getByRole('listitem').filter({ hasText: 'HMP Oxford (test)' }).getByRole('button', { name: 'Remove' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'HMP Oxford (test)' })).toHaveCount(0);
});
