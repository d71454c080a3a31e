// An officer's day on a phone (390×844, touch, emulated geolocation), on the production build:
// the home page lists hot spots nearest first; the hot spot page leads with its map and
// briefing; on patrol the officer walks a noisy trace in (a fix every 3 s, times from the clock)
// and the timer counts up with the presence engine — within 30 s of it, never gone while inside,
// through a reload; an arrest asks to confirm and can be undone; no signal is said plainly.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test, type Page } from '@playwright/test';
import { bbox, distanceToBoundary, pointInPolygon } from '../../src/lib/domain/geo/geo.ts';
import { detectVisits } from '../../src/lib/domain/presence/detect-visits.ts';
import { login, mapReady, open } from './helpers.ts';

const SHOTS = 'docs/screenshots';

// its own server and database: a full run's other specs leave officers, fixes and sets on the
// shared one, and this walk measures one officer's engine against the phone (it failed only there)
const PORT = Number(
	spawnSync(process.execPath, ['-e', "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '' }
	}).stdout.trim()
);
if (!Number.isInteger(PORT) || PORT <= 0) throw new Error('officer-day e2e: could not find a free port');
const BASE = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'hp-officer-day-'));
const state = { db: join(dir, 'officer-day.db') };
const LOG = join(dir, 'server.log');
let server: ChildProcess;
const logTail = () => (existsSync(LOG) ? readFileSync(LOG, 'utf8').trim().split('\n').slice(-15).join('\n') : '(no log)');

test.use({ baseURL: BASE });

test.beforeAll(async () => {
	test.setTimeout(150_000);
	const log = openSync(LOG, 'a');
	server = spawn(process.execPath, ['tests/e2e/serve.ts'], { env: { ...process.env, E2E_PORT: String(PORT), E2E_DB: state.db, E2E_STATE: join(dir, 'state.json') }, stdio: ['ignore', log, log] });
	closeSync(log);
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`the officer-day server exited (${server.exitCode}):\n${logTail()}`);
		if ((await fetch(`${BASE}/api/health`).catch(() => null))?.ok) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the officer-day server did not answer in 120 s:\n${logTail()}`);
});

test.afterAll(() => {
	server?.kill('SIGTERM');
});

/** the published set's first hot spot, as the server holds it */
function target() {
	const db = new DatabaseSync(state.db, { readOnly: true });
	const h = db
		.prepare(`select h.id, h.name, h.geometry, h.centroid_lon, h.centroid_lat, h.min_lat from hotspots h join hotspot_sets s on s.id = h.set_id where s.status = 'published' order by h.rank limit 1`)
		.get() as { id: number; name: string; geometry: string; centroid_lon: number; centroid_lat: number; min_lat: number };
	db.close();
	const polygon = JSON.parse(h.geometry) as [number, number][][];
	// where to stand: the point deepest inside (a grown hot spot's centroid may lie outside it)
	const [w, s, e, n] = bbox(polygon);
	let best = { lon: h.centroid_lon, lat: h.centroid_lat, d: -1 };
	for (let x = 1; x < 20; x++) {
		for (let y = 1; y < 20; y++) {
			const lon = w + ((e - w) * x) / 20;
			const lat = s + ((n - s) * y) / 20;
			const d = distanceToBoundary(lon, lat, polygon);
			if (pointInPolygon(lon, lat, polygon) && d > best.d) best = { lon, lat, d };
		}
	}
	return { id: h.id, name: h.name, polygon, lon: best.lon, lat: best.lat, south: s };
}

/** seeded noise, so a failing run can be run again as it was */
function noise(seed: number) {
	let s = seed;
	return () => {
		s = (s * 1103515245 + 12345) % 2147483648;
		return s / 2147483648 - 0.5;
	};
}

/** The engine's inside time for the officer's stored fixes up to `until` (the batch engine: the same rules as live). */
async function engineInsideMs(page: Page, hotspot: { id: number; polygon: [number, number][][] }, since: number, until: number): Promise<number> {
	const rows = (await (await page.request.get('/api/officer/fixes/recent')).json()) as { id: string; t: number; lat: number; lon: number; accuracy: number; speed: number | null }[];
	const fixes = rows.filter((f) => f.t >= since && f.t <= until).map((f) => ({ ...f, officer: 'me', heading: null }));
	const visits = detectVisits(fixes, [{ id: String(hotspot.id), polygon: hotspot.polygon }]).visits;
	return visits.at(-1)?.insideMs ?? 0;
}

test('an officer walks into a hot spot and the timer keeps the engine’s count through a reload; an arrest is confirmed and undone', async ({ browser }) => {
	test.setTimeout(9 * 60_000);
	const h = target();
	const since = Date.now();
	const rand = noise(7);
	// 120 m south of the hot spot's southern edge, on its centre line
	const M_LAT = 1 / 111_195;
	const start = { latitude: h.south - 120 * M_LAT, longitude: h.lon };
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		geolocation: { ...start, accuracy: 10 },
		permissions: ['geolocation']
	});
	const page = await context.newPage();
	await login(page, 'pc-fay');
	await open(page, '/officer');
	await expect(page.getByTestId('connection')).toHaveAttribute('data-connected', 'true');

	// nearest first, with what each needs
	await expect(page.getByTestId('distance').first()).toContainText(/\d+ m|km/);
	const metres = (await page.getByTestId('distance').allTextContents()).map((t) => {
		const m = /([\d.]+) (m|km)/.exec(t)!;
		return Number(m[1]) * (m[2] === 'km' ? 1000 : 1);
	});
	expect(metres.length).toBeGreaterThan(1);
	expect([...metres].sort((a, b) => a - b)).toEqual(metres);
	await expect(page.getByTestId('need').first()).toHaveText(/visit|there|live/i);
	await page.screenshot({ path: `${SHOTS}/officer-home.png` });

	// the hot spot page: map, briefing in plain words, the statistics folded away, then Start patrol
	await page.getByRole('link', { name: new RegExp(h.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().tap();
	await expect(page).toHaveURL(new RegExp(`/officer/hotspot/${h.id}$`));
	await mapReady(page);
	await expect(page.getByTestId('why')).toBeVisible();
	await expect(page.getByTestId('why')).not.toContainText('Getis-Ord');
	await expect(page.getByText(/Getis-Ord/)).toBeHidden();
	await page.getByText('How this hot spot was chosen').tap();
	await expect(page.getByText(/Getis-Ord/)).toBeVisible();
	await page.getByText('How this hot spot was chosen').tap();
	await page.waitForTimeout(1500); // the map's tiles
	await page.screenshot({ path: `${SHOTS}/officer-hotspot.png` });
	await page.getByRole('button', { name: 'Start patrol' }).tap();
	await expect(page.getByTestId('patrol')).toBeVisible();

	// the walk: 100 s in at a slow walk, then standing inside with 6–8 m of jitter, a fix every 3 s
	const inLat = h.lat;
	const step = async (i: number) => {
		const walking = i < 33;
		const f = walking ? i / 33 : 1;
		const lat = start.latitude + (inLat - start.latitude) * f + rand() * 12 * M_LAT;
		const lon = start.longitude + rand() * 12 * M_LAT * 1.6;
		await context.setGeolocation({ latitude: lat, longitude: lon, accuracy: 8 + Math.abs(rand()) * 8 });
		await page.waitForTimeout(3000);
	};
	let i = 0;
	while (i < 33) await step(i++);
	// the timer appears once the engine has two fixes inside and they have waited out its 30 s window
	let shown = false;
	for (let n = 0; n < 30 && !shown; n++) {
		await step(i++);
		shown = await page.getByTestId('timer').isVisible();
	}
	expect(shown).toBe(true);

	const samples: { ms: number; engine: number }[] = [];
	const check = async () => {
		const timer = page.getByTestId('timer');
		await expect(timer, 'the timer never vanishes while the officer is inside').toBeVisible({ timeout: 1000 });
		const ms = Number(await timer.getAttribute('data-ms'));
		const at = await page.evaluate(() => Date.now());
		const engine = await engineInsideMs(page, h, since, at);
		samples.push({ ms, engine });
		expect(Math.abs(ms - engine), `timer ${ms} ms, engine ${engine} ms`).toBeLessThanOrEqual(30_000);
	};
	for (let n = 0; n < 30; n++) {
		await step(i++);
		if (n % 5 === 0) await check();
		else await expect(page.getByTestId('timer')).toBeVisible({ timeout: 1000 });
	}
	await page.screenshot({ path: `${SHOTS}/officer-patrol.png` });

	// a reload: the page load gives the engine's current visit, so the timer is there at once
	await page.reload();
	await expect(page.getByTestId('timer')).toBeVisible({ timeout: 2000 });
	await check();
	for (let n = 0; n < 15; n++) {
		await step(i++);
		if (n % 5 === 4) await check();
		else await expect(page.getByTestId('timer')).toBeVisible({ timeout: 1000 });
	}
	// it counted up: over 2 minutes of standing
	expect(samples.at(-1)!.ms - samples[0].ms).toBeGreaterThan(100_000);

	// an arrest: asked first, then recorded with 10 s to undo — undone, nothing reaches the server
	const arrests = async () => ((await (await page.request.get('/api/officer/activities/recent')).json()) as { kind: string }[]).filter((a) => a.kind === 'arrest').length;
	const before = await arrests();
	await page.getByRole('button', { name: 'Arrest', exact: true }).tap();
	await expect(page.getByTestId('confirm')).toContainText('Record “Arrest” here?');
	await page.getByRole('button', { name: 'Cancel' }).tap();
	await expect(page.getByTestId('confirm')).toHaveCount(0);
	await expect(page.getByTestId('recorded')).toHaveCount(0);
	await page.getByRole('button', { name: 'Arrest', exact: true }).tap();
	await page.getByRole('button', { name: 'Record arrest' }).tap();
	await expect(page.getByTestId('held')).toContainText('Arrest recorded.');
	await page.getByTestId('held').getByRole('button', { name: 'Undo' }).tap();
	await expect(page.getByTestId('undone')).toHaveText('Arrest undone — not recorded.');
	// confirmed and left alone, it is stored once the 10 s are up
	await page.getByRole('button', { name: 'Arrest', exact: true }).tap();
	await page.getByRole('button', { name: 'Record arrest' }).tap();
	await expect(page.getByTestId('recorded')).toHaveText(/Recorded: Arrest/);
	await expect.poll(arrests, { timeout: 20_000 }).toBe(before + 1);
	await page.waitForTimeout(3000);
	expect(await arrests()).toBe(before + 1);

	// no signal: said plainly, never a socket's error text
	await context.setOffline(true);
	await expect(page.getByTestId('connection')).toContainText('Offline — your patrol is saved on this phone and will be sent when signal returns');
	await expect(page.getByText(/websocket|xhr poll|transport/i)).toHaveCount(0);
	await context.setOffline(false);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
	await context.close();
});
