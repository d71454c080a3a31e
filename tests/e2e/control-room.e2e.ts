// The control room with 50 simulated officers on a server of its own: a gap alert within 5 s of a
// hot spot becoming overdue, a tasking from the alert reaching the officer's phone, and after a
// server restart (kill -9) both control rooms converge to the server's snapshot without a reload.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devices, expect, test, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { haversine } from '../../src/lib/domain/geo/geo.ts';
import { buildStreetGraph } from '../../src/lib/domain/simulation/street-graph.ts';
import { startSimulation, type Simulation } from '../../src/lib/sim/runner.ts';
import { login, open } from './helpers.ts';

// a port the system says is free; the server writes a log that a failure to start prints (CI once
// saw it not answer for 60 s on a random port from a fixed range, with nothing to say why)
const PORT = Number(
	spawnSync(process.execPath, ['-e', "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"], {
		encoding: 'utf8',
		// without the test runner's NODE_OPTIONS (its loader), which a bare script does not need
		env: { PATH: process.env.PATH ?? '' }
	}).stdout.trim()
);
if (!Number.isInteger(PORT) || PORT <= 0) throw new Error('control-room e2e: could not find a free port');
const BASE = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'hp-control-'));
const DB = join(dir, 'control.db');
const STATE = join(dir, 'state.json');
const LOG = join(dir, 'server.log');
// hot spots go live at the first minute boundary at least 50 s away, and are overdue 20 s later
const liveFrom = DateTime.now().setZone('Europe/London').plus({ seconds: 50 }).plus({ minutes: 1 }).startOf('minute');

function startServer(): ChildProcess {
	const log = openSync(LOG, 'a');
	const child = spawn(process.execPath, ['tests/e2e/serve.ts'], {
		env: { ...process.env, E2E_PORT: String(PORT), E2E_DB: DB, E2E_STATE: STATE, E2E_OFFICERS: '50', E2E_TARGET_S: '20', E2E_LIVE_FROM: liveFrom.toFormat('HH:mm') },
		stdio: ['ignore', log, log]
	});
	closeSync(log);
	return child;
}

const logTail = () => (existsSync(LOG) ? readFileSync(LOG, 'utf8').trim().split('\n').slice(-10).join('\n') : '(no log)');

async function hotspotCentroids(): Promise<[number, number][]> {
	const cookie = await loginCookie();
	const fc = await (await fetch(`${BASE}/api/control/hotspots`, { headers: { cookie } })).json();
	return fc.features.map((f: { properties: { centroid: [number, number] } }) => f.properties.centroid);
}

async function loginCookie(): Promise<string> {
	const res = await fetch(`${BASE}/login`, {
		method: 'POST',
		headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
		body: 'username=sgt-bo&password=e2e-pass',
		redirect: 'manual'
	});
	return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Up and answering; a server that exits or stays silent fails the test with its log. */
async function ready(server: ChildProcess) {
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the e2e server on ${PORT} exited (${server.exitCode ?? server.signalCode}):\n${logTail()}`);
		if ((await fetch(`${BASE}/api/health`).catch(() => null))?.ok) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the e2e server on ${PORT} did not answer /api/health in 90 s:\n${logTail()}`);
}

test.use({ baseURL: BASE });

test('two control rooms, 50 officers: gap alerts in time, taskings reach the phone, a restart heals itself', async ({ browser }) => {
	test.setTimeout(240_000);
	let server = startServer();
	let sim: Simulation | null = null;
	try {
		await ready(server);
		const state = JSON.parse(readFileSync(STATE, 'utf8')) as { simulated: { callsign: string; token: string }[] };
		// the simulated cars keep 250 m from every hot spot, so only the clock changes their states
		const hotspots = (await (await fetch(`${BASE}/api/health`)).ok) ? await hotspotCentroids() : [];
		const graph = buildStreetGraph(JSON.parse(readFileSync('static/basemap/oxford.geojson', 'utf8')).features, {
			avoid: (p) => hotspots.some((c) => haversine(p, c) < 250)
		});
		sim = await startSimulation({ url: BASE, officers: state.simulated, graph, interval: 1, vehicleShare: 1, seed: 3 });

		const rooms: Page[] = [];
		for (let i = 0; i < 2; i++) {
			const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
			await login(page, 'sgt-bo');
			await open(page, '/control');
			await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
			rooms.push(page);
		}
		for (const page of rooms) await expect.poll(() => page.getByTestId('officer').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(50);

		// the officer's phone, on duty near the first hot spot
		const snapshot = async () => (await (await rooms[0].request.get('/api/control/snapshot')).json()) as { officers: { officer: number; last: unknown }[]; hotspots: { hotspot: number; state: string; dueAt: number | null }[] };
		const phoneContext = await browser.newContext({ ...devices['Pixel 7'], geolocation: { latitude: 51.7519, longitude: -1.2579 }, permissions: ['geolocation'] });
		const phone = await phoneContext.newPage();
		await login(phone, 'pc-ada');
		await open(phone, '/officer');
		await expect(phone.getByTestId('connection')).toHaveAttribute('data-connected', 'true');
		await phone.getByRole('button', { name: 'Off duty' }).click();
		await expect(phone.getByRole('button', { name: 'On duty' })).toBeVisible();

		// wait for the hot spots to go live, then for the first gap; the alert must follow within 5 s
		await expect.poll(async () => (await snapshot()).hotspots.some((h) => h.state !== 'not-live'), { timeout: 150_000, intervals: [1000] }).toBe(true);
		const live = (await snapshot()).hotspots.find((h) => h.state !== 'not-live' && h.dueAt !== null)!;
		const alert = rooms[0].locator(`[data-testid=gap-alert][data-hotspot="${live.hotspot}"]`);
		await expect(alert).toBeVisible({ timeout: 40_000 });
		const seenAt = Date.now();
		expect(seenAt - live.dueAt!).toBeLessThan(5000);
		await expect(rooms[1].locator(`[data-testid=gap-alert][data-hotspot="${live.hotspot}"]`)).toBeVisible({ timeout: 5000 });

		// one click tasks the officer from the alert; the phone gets it and accepts it in one tap
		await alert.getByRole('combobox').selectOption({ label: 'TV-101' });
		await alert.getByRole('button', { name: 'Task', exact: true }).click();
		const offer = phone.getByTestId('tasking');
		await expect(offer).toBeVisible({ timeout: 10_000 });
		await offer.getByRole('button', { name: 'Accept and go' }).tap();
		await expect(phone).toHaveURL(new RegExp(`/officer/hotspot/${live.hotspot}`));
		await expect(rooms[0].getByTestId('taskings').locator('li[data-status=accepted]')).toHaveCount(1);

		// kill -9 and restart on the same database: both rooms heal without a reload
		server.kill('SIGKILL');
		for (const page of rooms) await expect(page.getByTestId('control-connection')).toHaveAttribute('data-connected', 'false', { timeout: 15_000 });
		server = startServer();
		await ready(server);
		for (const page of rooms) {
			await expect(page.getByTestId('control-connection')).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
			// converged: the officers on the page are the officers in the server's snapshot
			await expect
				.poll(async () => {
					const snap = await snapshot();
					const onPage = await page.getByTestId('officer').evaluateAll((els) => els.map((e) => e.getAttribute('data-callsign')).sort());
					return onPage.length >= 50 && onPage.length === snap.officers.filter((o) => o.last).length;
				}, { timeout: 30_000 })
				.toBe(true);
			expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
		}
		await phoneContext.close();
	} finally {
		await sim?.stop();
		server.kill('SIGKILL');
	}
});
