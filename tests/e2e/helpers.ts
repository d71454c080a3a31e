import { expect, type Page } from '@playwright/test';

export async function login(page: Page, username: string, password = 'e2e-pass') {
	await page.goto('/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}
