// Phone apps that report with the screen off: Traccar Client (OsmAnd protocol) and OwnTracks (HTTP
// mode), fed real request formats against the production server.
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { login, open } from './helpers.ts';

const state = () => JSON.parse(readFileSync(process.env.E2E_STATE!, 'utf8')) as { deviceToken: string };
const fixture = (p: string) => readFileSync(new URL(`../fixtures/devices/${p}`, import.meta.url), 'utf8');

// The samples keep the times they were written with, but the server judges a fix by its own clock
// (the officer's last 24 h; 'stale' after 7 days), so each is sent as taken seconds before the
// server's now — read from its Date header, not assumed to be this process's clock.
const serverNow = async (request: APIRequestContext) => Date.parse((await request.get('/api/health')).headers()['date']);
const unixS = (ms: number) => String(Math.floor(ms / 1000));

test('Traccar Client and OwnTracks positions are stored only on duty, once, and bad tokens are refused', async ({ page, request }) => {
	const token = state().deviceToken;
	const now = await serverNow(request);
	const osmandJson = JSON.parse(fixture('traccar-client-9.json'));
	osmandJson.device_id = token;
	osmandJson.location.timestamp = new Date(now - 120_000).toISOString();
	const query = fixture('traccar-client-query.txt')
		.trim()
		.replace('REPLACED_BY_TEST', encodeURIComponent(token))
		.replace(/timestamp=\d+/, `timestamp=${unixS(now - 90_000)}`);
	const location = { ...JSON.parse(fixture('owntracks-location.json')), tst: Number(unixS(now - 60_000)), created_at: Number(unixS(now - 59_000)) };
	const transition = { ...JSON.parse(fixture('owntracks-transition.json')), tst: Number(unixS(now - 20_000)) };
	const auth = 'Basic ' + Buffer.from(`TV-101:${token}`).toString('base64');

	// off duty: answered (so the app stops retrying) but not stored
	const off = await request.post('/api/devices/osmand', { data: osmandJson });
	expect(off.status()).toBe(200);
	expect(await off.text()).toMatch(/off duty/);

	// bad tokens
	expect((await request.get(`/api/devices/osmand?${query.replace(token, 'hp_wrong')}`)).status()).toBe(401);
	expect((await request.post('/api/devices/owntracks', { data: location, headers: { authorization: 'Basic ' + Buffer.from('TV-101:hp_wrong').toString('base64') } })).status()).toBe(401);
	expect((await request.post('/api/devices/owntracks', { data: {} })).status()).toBe(401);
	expect((await request.get('/api/devices/osmand?lat=1&lon=2')).status()).toBe(400);

	// the officer goes on duty in the web app
	await login(page, 'pc-ada');
	await open(page, '/officer');
	await expect(page.getByTestId('connection')).toHaveAttribute('data-connected', 'true');
	if ((await page.getByRole('button', { name: 'Off duty' }).count()) > 0) await page.getByRole('button', { name: 'Off duty' }).click();
	await expect(page.getByRole('button', { name: 'On duty' })).toBeVisible();

	const ok = await request.post('/api/devices/osmand', { data: osmandJson });
	expect(await ok.text()).toBe('OK');
	const again = await request.post('/api/devices/osmand', { data: osmandJson });
	expect(await again.text()).toBe('OK');
	expect(await (await request.get(`/api/devices/osmand?${query}`)).text()).toBe('OK');
	expect(await (await request.post(`/api/devices/osmand`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: query })).text()).toBe('OK');
	const ot = await request.post('/api/devices/owntracks', { data: location, headers: { authorization: auth } });
	expect(ot.status()).toBe(200);
	expect(await ot.json()).toEqual([]);
	expect(await (await request.post('/api/devices/owntracks', { data: transition, headers: { authorization: auth } })).json()).toEqual([]);

	// what was stored: three distinct fixes (the JSON one twice, the query one as GET and form)
	const mine = await page.request.get('/api/officer/fixes/recent');
	const fixes = (await mine.json()) as { id: string; t: number; source: string; lat: number; speed: number | null; quality: string }[];
	expect(fixes.map((f) => f.source).sort()).toEqual(['osmand', 'osmand', 'owntracks']);
	// current, not history: each kept the time the phone gave it, and counts as presence
	expect(fixes.map((f) => [f.source, f.t, f.quality]).sort()).toEqual([
		['osmand', Date.parse(osmandJson.location.timestamp), 'ok'],
		['osmand', Number(unixS(now - 90_000)) * 1000, 'ok'],
		['owntracks', location.tst * 1000, 'ok']
	]);
	expect(fixes.find((f) => f.id === 'b1d7c5e2-5f0e-4b3a-9a5e-2f8f4b6c7d10')).toMatchObject({ lat: 51.7519, speed: 1.3 });
	// knots and km/h become m/s
	expect(fixes.find((f) => f.lat === 51.7521)!.speed).toBeCloseTo(2.7 * 0.514444, 5);
	expect(fixes.find((f) => f.source === 'owntracks')!.speed).toBeCloseTo(4 / 3.6, 5);

	await page.getByRole('button', { name: 'On duty' }).click();
	await expect(page.getByRole('button', { name: 'Off duty' })).toBeVisible();
});
