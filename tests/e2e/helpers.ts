import { expect, type Page } from '@playwright/test';

/** Navigates and waits until the page has hydrated, so typing is not undone by it. */
export async function open(page: Page, url: string) {
	await page.goto(url);
	await page.locator('html[data-hydrated=true]').waitFor();
}

export async function login(page: Page, username: string, password = 'e2e-pass') {
	await open(page, '/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Waits for a MapLibre map to fire its first `load`. Chromium draws with software WebGL here, which
 * took 9–11 s on a machine with a load average of 15 (1–2 s idle): a wait, not a timing goal, so it
 * gets room (timing goals live in `npm run bench control-room`).
 */
export async function mapReady(page: Page, map = page.getByTestId('map')) {
	await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });
}
