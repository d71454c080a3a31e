// An administrator's day, as one story on the production build: a new officer made in the
// browser with a device token, whose Traccar Client report is stored; their first login asks
// for a password of their own; a reset asks again; a failed login shows in the audit log; the
// officer sets up their own screen-off tracking on My patrols; a page not for their role links
// home. SCREENSHOTS=1 also photographs /admin and the officer's set-up into docs/screenshots.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { login, open } from './helpers.ts';

const fixture = (p: string) => readFileSync(new URL(`../fixtures/devices/${p}`, import.meta.url), 'utf8');
const shots = process.env.SCREENSHOTS === '1';
const shot = (page: Page, name: string) => (shots ? page.screenshot({ path: new URL(`../../docs/screenshots/${name}`, import.meta.url).pathname, fullPage: true }) : null);
// the server judges a fix by its own clock: read it from the Date header, never assume this one
const serverNow = async (request: APIRequestContext) => Date.parse((await request.get('/api/health')).headers()['date']);

async function phone(browser: Browser) {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		geolocation: { latitude: 51.7519, longitude: -1.2579 },
		permissions: ['geolocation']
	});
	return context.newPage();
}

/** The login form's second step: the password an administrator set, then one of their own. */
async function firstLogin(page: Page, username: string, given: string, own: string) {
	await open(page, '/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password', { exact: true }).fill(given);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByRole('alert')).toContainText('choose your own');
	if (shots) await page.screenshot({ path: '/tmp/admin-day-must-change.png' });
	await page.getByLabel('New password', { exact: true }).fill(own);
	await page.getByLabel('New password again').fill(own);
	await page.getByRole('button', { name: 'Change password and log in' }).click();
	await expect(page).toHaveURL(/\/officer$/);
}

test('an admin makes an officer whose phone reports, resets a password, sees a failed login; the officer sets up their own tracking', async ({ browser, baseURL, request }) => {
	test.setTimeout(150_000);
	const username = `pc-${randomUUID().slice(0, 6)}`;
	const admin = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
	await login(admin, 'adm-ed');
	await expect(admin).toHaveURL(/\/admin$/);

	// the form is on /admin itself
	const create = admin.getByRole('region', { name: 'New user' });
	await create.getByLabel('Username').fill(username);
	await create.getByLabel('Role').selectOption('officer');
	await create.getByLabel('Callsign').fill('TV-300');
	await create.getByLabel('Team').fill('Response A');
	await create.getByLabel(/Device token/).check();
	await create.getByRole('button', { name: 'Create user' }).click();
	await expect(admin.getByRole('status').filter({ hasText: `created officer ${username}` })).toBeVisible();
	const temporary = (await admin.getByTestId('temporary-password').locator('code').textContent())!;
	expect(temporary).toMatch(/^\w{4}-\w{4}-\w{4}$/);
	const setup = admin.getByTestId('device-setup');
	await expect(setup.locator('svg').first()).toBeVisible();
	await expect(setup.getByTestId('traccar-url')).toHaveValue(`${baseURL}/api/devices/osmand`);
	await expect(setup.getByTestId('owntracks-username')).toHaveValue('TV-300');
	const token = await setup.getByTestId('traccar-id').inputValue();
	expect(token).toMatch(/^hp_/);
	await expect(admin.locator(`tr[data-username="${username}"]`)).toContainText('must change password');
	await shot(admin, 'admin.png');

	// the officer's first login asks for a password of their own; then they go on duty
	const pc = await phone(browser);
	await firstLogin(pc, username, temporary, 'a long one of my own');
	await expect(pc.getByTestId('connection')).toHaveAttribute('data-connected', 'true');
	await pc.getByRole('button', { name: 'Off duty' }).click();
	await expect(pc.getByRole('button', { name: 'On duty' })).toBeVisible();

	// Traccar Client (OsmAnd JSON) with the token from /admin: stored, read back as the officer
	const now = await serverNow(request);
	const report = JSON.parse(fixture('traccar-client-9.json'));
	report.device_id = token;
	report.location.uuid = randomUUID();
	report.location.timestamp = new Date(now - 60_000).toISOString();
	const sent = await request.post('/api/devices/osmand', { data: report });
	expect([sent.status(), await sent.text()]).toEqual([200, 'OK']);
	const fixes = (await (await pc.request.get('/api/officer/fixes/recent')).json()) as { id: string; t: number; source: string; lat: number }[];
	// (the web app reports too, now that the officer is on duty)
	expect(fixes.filter((f) => f.source === 'osmand').map((f) => [f.t, f.lat])).toEqual([[Date.parse(report.location.timestamp), 51.7519]]);

	// My patrols: no commands, no placeholders; one tap issues the officer's own token
	await open(pc, '/officer/me');
	await expect(pc.locator('main, body').first()).not.toContainText('npm run');
	await expect(pc.locator('body')).not.toContainText('<this server>');
	await pc.getByRole('button', { name: 'Set up screen-off tracking' }).click();
	const mine = pc.getByTestId('device-setup');
	await expect(mine.getByTestId('traccar-url')).toHaveValue(`${baseURL}/api/devices/osmand`);
	await expect(mine.getByTestId('owntracks-url')).toHaveValue(`${baseURL}/api/devices/owntracks`);
	await expect(mine.getByTestId('owntracks-username')).toHaveValue('TV-300');
	const own = await mine.getByTestId('owntracks-password').inputValue();
	expect(own).not.toBe(token);
	await expect(mine.getByRole('link', { name: 'Set up OwnTracks on this phone' })).toHaveAttribute('href', /^owntracks:\/\/\/config\?inline=/);
	if (shots) {
		await pc.screenshot({ path: '/tmp/admin-day-me-full.png', fullPage: true });
		await pc.getByRole('heading', { name: 'Tracking with the screen off' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
		await pc.screenshot({ path: new URL('../../docs/screenshots/officer-device-setup.png', import.meta.url).pathname });
	}
	// the admin's token has ended; the officer's own one reports
	report.location.uuid = randomUUID();
	expect((await request.post('/api/devices/osmand', { data: report })).status()).toBe(401);
	report.device_id = own;
	expect(await (await request.post('/api/devices/osmand', { data: report })).text()).toBe('OK');
	// shown once: back on the page, only when it was set up
	await open(pc, '/officer/me');
	await expect(pc.getByTestId('device-since')).toBeVisible();
	await expect(pc.getByTestId('device-setup')).toHaveCount(0);
	await pc.getByRole('button', { name: 'On duty' }).click();
	await expect(pc.getByRole('button', { name: 'Off duty' })).toBeVisible();

	// a page not for their role says so and links home
	// (answered by the guard before any route: a plain page, nothing to hydrate)
	expect((await pc.goto('/admin'))!.status()).toBe(403);
	await expect(pc.getByRole('heading', { name: 'Not for your role' })).toBeVisible();
	if (shots) await pc.screenshot({ path: '/tmp/admin-day-403.png' });
	await pc.getByRole('link', { name: 'Back to your home page' }).click();
	await expect(pc).toHaveURL(/\/officer$/);
	// and a stale link to a hot spot no longer published: src/routes/+error.svelte, the same way home
	expect((await pc.goto('/officer/hotspot/999999'))!.status()).toBe(404);
	await expect(pc.getByRole('heading', { name: 'Not found' })).toBeVisible();
	await expect(pc.getByTestId('error-message')).toContainText('That hot spot is not in the published set.');
	await expect(pc.getByRole('link', { name: 'Back to your home page' })).toHaveAttribute('href', '/officer');

	// a reset: the old password fails (and the log shows it), the new one asks for a change again
	await admin.reload();
	await admin.locator(`tr[data-username="${username}"]`).getByRole('button', { name: 'Reset password' }).click();
	const reset = (await admin.getByTestId('temporary-password').locator('code').textContent())!;
	expect(reset).not.toBe(temporary);
	const again = await phone(browser);
	await open(again, '/login');
	await again.getByLabel('Username').fill(username);
	await again.getByLabel('Password').fill('a long one of my own');
	await again.getByRole('button', { name: 'Log in' }).click();
	await expect(again.getByRole('alert')).toHaveText('Wrong username or password.');
	await firstLogin(again, username, reset, 'a second one of mine');

	await open(admin, '/admin/audit');
	const failed = admin.getByTestId('audit').locator('tr').filter({ hasText: '"event":"login failed"' }).first();
	await expect(failed).toContainText('"reason":"wrong password"');
	// by id: nobody claims a failed login, and the account is a reference
	await expect(failed).toContainText(/^\d+.*anonymous.*alteration.*user:\d+/);
	await expect(failed).not.toContainText(username);
});
