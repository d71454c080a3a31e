import { devices, expect, test } from '@playwright/test';
import { login, open, mapReady } from './helpers.ts';

// Near Carfax, central Oxford, inside the demo area
const START = { latitude: 51.7519, longitude: -1.2579 };

test('an officer is sent to a hot spot in three taps and the control room sees them move', async ({ browser }) => {
	const phone = await browser.newContext({ ...devices['Pixel 7'], geolocation: START, permissions: ['geolocation'] });
	const officer = await phone.newPage();
	await login(officer, 'pc-ada');
	await open(officer, '/officer');
	await expect(officer.getByTestId('connection')).toHaveAttribute('data-connected', 'true');

	// tap 1: send me
	await officer.getByRole('button', { name: 'Send me to a hot spot' }).tap();
	await expect(officer).toHaveURL(/\/officer\/hotspot\/\d+/);
	await expect(officer.getByRole('heading', { level: 2, name: 'Why here' })).toBeVisible();
	// a distance and a direction, or (sent to the hot spot they stand in) that they are inside it
	await expect(officer.getByTestId('directions')).toContainText(/ m |inside the hot spot/);
	// tap 2: start patrol — on duty and on the way
	await officer.getByRole('button', { name: 'Start patrol' }).tap();
	await expect(officer.getByTestId('patrol')).toBeVisible();
	await expect(officer.getByTestId('acked')).toHaveText(/Positions sent: [1-9]/);

	const desk = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	const control = await desk.newPage();
	await login(control, 'sgt-bo');
	await open(control, '/control');
	const marker = control.locator('[data-testid=officer][data-callsign="TV-101"]');
	await expect(marker).toHaveAttribute('data-lat', String(START.latitude));

	// the phone moves 60 m north: the control room shows it within 2 s
	const moved = { latitude: 51.75244, longitude: -1.2579 };
	await phone.setGeolocation(moved);
	await expect(marker).toHaveAttribute('data-lat', String(moved.latitude), { timeout: 2000 });
	await expect(marker).toHaveAttribute('data-lon', String(moved.longitude));

	await phone.close();
	await desk.close();
});

test('a control room page loads nothing from outside localhost', async ({ browser }) => {
	const desk = await browser.newContext();
	const page = await desk.newPage();
	const outside: string[] = [];
	page.on('request', (r) => {
		const u = new URL(r.url());
		if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !u.protocol.startsWith('blob') && !u.protocol.startsWith('data')) outside.push(r.url());
	});
	await login(page, 'sgt-bo');
	await open(page, '/control');
	await mapReady(page);
	await page.waitForLoadState('networkidle');
	expect(outside).toEqual([]);
	await desk.close();
});
