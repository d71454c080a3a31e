// axe-core on the officer's pages: used outdoors, one-handed, by people in a hurry.
import AxeBuilder from '@axe-core/playwright';
import { devices, expect, test } from '@playwright/test';
import { login, open, mapReady } from './helpers.ts';

test('the officer pages pass axe-core (WCAG 2.1 AA)', async ({ browser }) => {
	const context = await browser.newContext({ ...devices['Pixel 7'], geolocation: { latitude: 51.7519, longitude: -1.2579 }, permissions: ['geolocation'] });
	const page = await context.newPage();
	await login(page, 'pc-ada');
	for (const path of ['/officer', '/officer/me']) {
		await open(page, path);
		const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		expect(result.violations.map((v) => `${path}: ${v.id} — ${v.help} (${v.nodes.length})`)).toEqual([]);
	}
	await open(page, '/officer');
	await page.getByRole('link').filter({ has: page.locator('small.state') }).first().click();
	await expect(page).toHaveURL(/\/officer\/hotspot\/\d+/);
	await page.locator('html[data-hydrated=true]').waitFor();
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(result.violations.map((v) => `hot spot page: ${v.id} — ${v.help} (${v.nodes.length}) ${v.nodes[0]?.html}`)).toEqual([]);
	await open(page, '/login');
	await context.close();
});

test('the dashboard passes axe-core (WCAG 2.1 AA) for the analyst and the officer', async ({ browser }) => {
	for (const user of ['an-di', 'pc-ada']) {
		const page = await (await browser.newContext()).newPage();
		await login(page, user);
		await open(page, '/dashboard?from=2024-01&to=2024-04');
		await mapReady(page);
		// the map canvas is not content axe can judge
		const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.maplibregl-canvas').analyze();
		expect(result.violations.map((v) => `${user}: ${v.id} — ${v.help} (${v.nodes.length}) ${v.nodes[0]?.html.slice(0, 200)}`)).toEqual([]);
	}
});
