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
