// A supervisor's day as one story, on the production build with a server of its own: the control
// room opens while a gap is already open (so only the snapshot can tell it), the gap is an alert
// with the nearest free officers, one click tasks the nearest, the officer's phone gets it and
// accepts, and the supervisor reads "accepted" by callsign. On the way: the hot spot and officer
// panels from the lists and the map, the legend, and a replay that drives the side panel.
// With SCREENSHOTS=1 it photographs /control and the wall, day and night, at 1920×1080.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { devices, expect, test, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { haversine, pointInPolygon, type LonLat } from '../../src/lib/domain/geo/geo.ts';
import { connected, openSocket, setDuty, type LoadSocket } from '../../src/lib/load/fleet.ts';
import { login, mapReady, open } from './helpers.ts';

const PORT = Number(
	spawnSync(process.execPath, ['-e', "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '' }
	}).stdout.trim()
);
if (!Number.isInteger(PORT) || PORT <= 0) throw new Error('supervisor-day e2e: could not find a free port');
const BASE = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'hp-supervisor-'));
const STATE = join(dir, 'state.json');
const LOG = join(dir, 'server.log');
// every hot spot went live two minutes ago with a 20 s target: all are in a gap before anyone looks
const liveFrom = DateTime.now().setZone('Europe/London').minus({ minutes: 2 }).startOf('minute');
const SHOTS = process.env.SCREENSHOTS ? new URL('../../docs/screenshots/', import.meta.url).pathname : null;

function startServer(): ChildProcess {
	const log = openSync(LOG, 'a');
	const child = spawn(process.execPath, ['tests/e2e/serve.ts'], {
		env: { ...process.env, E2E_PORT: String(PORT), E2E_DB: join(dir, 'day.db'), E2E_STATE: STATE, E2E_OFFICERS: '2', E2E_TARGET_S: '20', E2E_LIVE_FROM: liveFrom.toFormat('HH:mm') },
		stdio: ['ignore', log, log]
	});
	closeSync(log);
	return child;
}
const logTail = () => (existsSync(LOG) ? readFileSync(LOG, 'utf8').trim().split('\n').slice(-10).join('\n') : '(no log)');

async function ready(server: ChildProcess) {
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the e2e server on ${PORT} exited (${server.exitCode ?? server.signalCode}):\n${logTail()}`);
		if ((await fetch(`${BASE}/api/health`).catch(() => null))?.ok) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the e2e server on ${PORT} did not answer /api/health in 90 s:\n${logTail()}`);
}

/** A point `metres` from `c` (north, east, south or west) that lies in no hot spot. */
function outside(c: LonLat, metres: number, polygons: LonLat[][][]): LonLat {
	const dLat = metres / 111_195;
	const dLon = dLat / Math.cos((c[1] * Math.PI) / 180);
	for (const p of [[c[0], c[1] + dLat], [c[0] + dLon, c[1]], [c[0], c[1] - dLat], [c[0] - dLon, c[1]]] as LonLat[]) {
		if (!polygons.some((rings) => pointInPolygon(p[0], p[1], rings))) return p;
	}
	throw new Error(`no point ${metres} m from ${c} outside every hot spot`);
}

test.use({ baseURL: BASE });

test("a supervisor's day: a gap open before the room opens, the nearest officer tasked, accepted by callsign", async ({ browser }) => {
	test.setTimeout(SHOTS ? 480_000 : 180_000);
	const server = startServer();
	const sims: LoadSocket[] = [];
	try {
		await ready(server);
		const state = JSON.parse(readFileSync(STATE, 'utf8')) as { simulated: { callsign: string; token: string }[] };
		const supervisor = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
		await login(supervisor, 'sgt-bo');
		const fc = (await (await supervisor.request.get('/api/control/hotspots')).json()) as { features: { id: number; geometry: { coordinates: LonLat[][] }; properties: { name: string; centroid: LonLat } }[] };
		const polygons = fc.features.map((f) => f.geometry.coordinates);
		const target = fc.features[0];
		const centroid = target.properties.centroid;

		// two simulated officers far off, on duty with a position: free, but not the nearest
		for (const [i, sim] of state.simulated.entries()) {
			const socket = openSocket(BASE, sim.token);
			sims.push(socket);
			expect(await connected(socket, 15_000)).toBeNull();
			expect(await setDuty(socket, true, 10_000)).toBeNull();
			const [lon, lat] = outside(centroid, 900 + 600 * i, polygons);
			const ack = await socket.timeout(10_000).emitWithAck('position:report', { id: randomUUID(), t: Date.now() - 500, lat, lon, accuracy: 8 });
			expect(ack.ok).toBe(true);
		}

		// the officer's phone, on duty about 150 m from the hot spot
		const [plon, plat] = outside(centroid, 150, polygons);
		const phoneContext = await browser.newContext({ ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, geolocation: { latitude: plat, longitude: plon, accuracy: 10 }, permissions: ['geolocation'] });
		const phone = await phoneContext.newPage();
		await login(phone, 'pc-ada');
		await open(phone, '/officer');
		await expect(phone.getByTestId('connection')).toHaveAttribute('data-connected', 'true');
		await phone.getByRole('button', { name: 'Off duty' }).click();
		await expect(phone.getByRole('button', { name: 'On duty' })).toBeVisible();

		// the gap opened before any control room was open: only the snapshot can carry it
		await expect.poll(async () => ((await (await supervisor.request.get('/api/control/snapshot')).json()) as { gaps: { hotspot: number }[] }).gaps.some((g) => g.hotspot === target.id), { timeout: 30_000 }).toBe(true);
		await open(supervisor, '/control');
		await mapReady(supervisor);
		const alert = supervisor.getByRole('alert').filter({ has: supervisor.getByRole('heading', { name: `Gap: ${target.properties.name}` }) });
		await expect(alert).toBeVisible();
		// the nearest free officer first, with a Task button inside the alert itself
		await expect(alert.getByTestId('nearest-officer').first()).toHaveAttribute('data-callsign', 'TV-101', { timeout: 30_000 });
		await expect(alert.getByTestId('nearest-officer')).toHaveCount(3);
		await expect(supervisor.getByTestId('legend')).toContainText('Gap — overdue');
		// the counts above the list add up to the hot spots it holds, gaps included
		const counts = supervisor.getByTestId('state-counts');
		await expect(counts.locator('[data-state=gap] strong')).not.toHaveText('0');
		const rows = await supervisor.getByTestId('hotspot-row').count();
		const shown = await counts.locator('strong').allTextContents();
		expect(shown.map(Number).reduce((a, b) => a + b, 0)).toBe(rows);

		// a hot spot from the list opens its panel; an officer from the list opens theirs
		await supervisor.locator(`[data-testid=hotspot-row][data-hotspot="${target.id}"] button`).click();
		const detail = supervisor.getByTestId('hotspot-detail');
		await expect(detail).toHaveAttribute('data-hotspot', String(target.id));
		await expect(detail.getByTestId('detail-state')).toContainText('Gap — overdue');
		await expect(detail).toContainText('Last dose');
		await expect(detail.getByRole('heading', { name: 'Task an officer' })).toBeVisible();
		await supervisor.getByTestId('officer-list').locator('[data-callsign="TV-101"] button').click();
		await expect(supervisor.getByTestId('officer-detail')).toHaveAttribute('data-callsign', 'TV-101');
		await expect(supervisor.getByTestId('officer-status')).toHaveText('on foot');
		await expect(supervisor.getByRole('combobox', { name: 'Send TV-101 to' })).toBeVisible();
		// …and a hot spot on the map opens its panel and a popup; the empty map closes them
		const box = (await supervisor.getByTestId('map').boundingBox())!;
		const pixel = await supervisor.evaluate((c) => {
			const p = (window as unknown as { __hpMap: { project(c: [number, number]): { x: number; y: number } } }).__hpMap.project(c);
			return { x: p.x, y: p.y };
		}, centroid as [number, number]);
		await supervisor.mouse.click(box.x + pixel.x, box.y + pixel.y);
		await expect(supervisor.getByTestId('hotspot-detail')).toHaveAttribute('data-hotspot', String(target.id));
		await expect(supervisor.getByTestId('map-popup')).toContainText(target.properties.name);

		// one click tasks the nearest officer from the alert
		await alert.getByRole('button', { name: 'Task TV-101' }).click();
		const offer = phone.getByTestId('tasking');
		await expect(offer).toBeVisible({ timeout: 10_000 });
		await expect(offer).toContainText(target.properties.name);
		await offer.getByRole('button', { name: 'Accept and go' }).tap();
		await expect(phone).toHaveURL(new RegExp(`/officer/hotspot/${target.id}`));
		// the supervisor reads the answer by callsign, in the alert and in the taskings list
		await expect(alert.getByTestId('tasking-answer')).toHaveText('TV-101 accepted');
		const row = supervisor.getByTestId('taskings').locator('li[data-status=accepted]');
		await expect(row).toHaveCount(1);
		await expect(row).toContainText('TV-101');
		await expect(row).toContainText(target.properties.name);
		await expect(supervisor.getByTestId('taskings')).not.toContainText('officer 1');

		// a replay drives the side panel too, with its date; Back to live returns to now
		await supervisor.getByRole('button', { name: 'Replay last 12 h' }).click();
		const conn = supervisor.getByTestId('control-connection');
		await expect(conn).toHaveAttribute('data-replay', 'true');
		await expect(conn).toContainText(/Replay · \w{3} \d{1,2} \w{3}/);
		await expect(supervisor.getByTestId('gap-alert')).toHaveCount(0);
		await supervisor.getByRole('status').getByRole('button', { name: 'Back to live' }).click();
		await expect(conn).toContainText('Live');
		await expect(alert).toBeVisible();

		// both themes pass axe-core: night covers every control (no white button on a dark panel)
		for (const theme of ['day', 'night'] as const) {
			await supervisor.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
			await mapReady(supervisor);
			const result = await new AxeBuilder({ page: supervisor }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.maplibregl-canvas').analyze();
			expect(result.violations.map((v) => `${theme}: ${v.id} — ${v.help} (${v.nodes.length}) ${v.nodes[0]?.html.slice(0, 200)}`)).toEqual([]);
		}

		if (SHOTS) await photograph(supervisor, target.id);
		await phoneContext.close();
	} finally {
		for (const s of sims) s.disconnect();
		server.kill('SIGKILL');
	}
});

/** By day with a hot spot's panel and popup open, at night with nothing selected. */
async function photograph(page: Page, hotspot: number) {
	for (const theme of ['day', 'night'] as const) {
		await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
		await mapReady(page);
		if (theme === 'day') await page.locator(`[data-testid=hotspot-row][data-hotspot="${hotspot}"] button`).click();
		await page.locator('aside').evaluate((e) => e.scrollTo(0, 0));
		await page.waitForTimeout(1500);
		await page.screenshot({ path: `${SHOTS}control-room-${theme}.png` });
		await open(page, `/control/wall?theme=${theme}`);
		await mapReady(page);
		await page.waitForTimeout(1500);
		await page.screenshot({ path: `${SHOTS}wall-${theme}.png` });
		await open(page, '/control');
		await mapReady(page);
	}
}
