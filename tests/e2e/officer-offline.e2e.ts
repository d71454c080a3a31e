// The phone without signal: an activity and five minutes of positions recorded offline, a reload
// while offline, and back online the server has every fix and the activity exactly once.
import { devices, expect, test } from '@playwright/test';
import { login, open } from './helpers.ts';

const START = { latitude: 51.7519, longitude: -1.2579 };

test('nothing recorded offline is lost, and nothing is stored twice', async ({ browser }) => {
	const context = await browser.newContext({ ...devices['Pixel 7'], geolocation: START, permissions: ['geolocation'], serviceWorkers: 'allow' });
	const page = await context.newPage();
	await page.clock.install();
	await login(page, 'pc-ada');
	await open(page, '/officer');
	await expect(page.getByTestId('connection')).toHaveAttribute('data-connected', 'true');
	// the service worker has cached the app shell, so the phone can open with no signal
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
	await page.getByRole('link', { name: /.+/ }).filter({ has: page.locator('small.state') }).first().click();
	await expect(page).toHaveURL(/\/officer\/hotspot\/\d+/);
	await page.getByRole('button', { name: 'Start patrol' }).tap();
	await expect(page.getByTestId('acked')).toHaveText(/Positions sent: [1-9]/);
	await page.reload(); // the page is now cached too, and the patrol carries on
	await expect(page.getByTestId('connection')).toHaveAttribute('data-connected', 'true');
	await expect(page.getByTestId('patrol')).toBeVisible();

	await context.setOffline(true);
	await page.getByRole('button', { name: 'Visible presence' }).tap();
	await expect(page.getByTestId('recorded')).toContainText('Visible presence');
	// five minutes walking north, a position every 10 s
	for (let i = 1; i <= 30; i++) {
		await context.setGeolocation({ latitude: START.latitude + i * 0.00005, longitude: START.longitude });
		await page.clock.fastForward(10_000);
	}
	const queued = async () =>
		page.evaluate(
			() =>
				new Promise<{ id: string; kind: string }[]>((resolve, reject) => {
					const r = indexedDB.open('hotspot-patrol');
					r.onsuccess = () => {
						const q = r.result.transaction('outbox').objectStore('outbox').getAll();
						q.onsuccess = () => resolve(q.result.map((x: { id: string; kind: string }) => ({ id: x.id, kind: x.kind })));
						q.onerror = () => reject(q.error);
					};
				})
		);
	await expect.poll(async () => (await queued()).filter((x) => x.kind === 'fix').length).toBeGreaterThanOrEqual(25);
	const offlineItems = await queued();
	await expect(page.getByTestId('unsent')).toHaveText(`${offlineItems.length} unsent`);
	await expect(page.getByRole('button', { name: 'Log out' })).toBeDisabled();

	// a reload with no signal: the page comes from the service worker, the outbox from IndexedDB
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByTestId('patrol')).toBeVisible();
	// everything queued before is still there (the restarted page may add a fresh position)
	await expect.poll(async () => (await queued()).length).toBeGreaterThanOrEqual(offlineItems.length);
	const kept = new Set((await queued()).map((x) => x.id));
	for (const item of offlineItems) expect(kept.has(item.id)).toBe(true);
	const beforeOnline = await queued();

	await context.setOffline(false);
	await page.clock.fastForward(10_000);
	await expect(page.getByTestId('unsent')).toHaveCount(0, { timeout: 30_000 });
	await expect(page.getByRole('button', { name: 'Log out' })).toBeEnabled();

	const fixes = (await (await page.request.get('/api/officer/fixes/recent')).json()) as { id: string }[];
	const activities = (await (await page.request.get('/api/officer/activities/recent')).json()) as { id: string; kind: string }[];
	const stored = new Map<string, number>();
	for (const f of fixes) stored.set(f.id, (stored.get(f.id) ?? 0) + 1);
	for (const item of beforeOnline.filter((x) => x.kind === 'fix')) expect(stored.get(item.id)).toBe(1);
	const activity = beforeOnline.find((x) => x.kind === 'activity')!;
	expect(activities.filter((a) => a.id === activity.id)).toEqual([expect.objectContaining({ kind: 'visible-presence' })]);
	await context.close();
});
