// The control room at force scale: 5,000 officers moving at 1 Hz, each at its own phase within
// the second, through the real server's fan-out (merged per officer, batched every 100 ms) into a
// headless Chromium control room. Reports the page's main-thread busy time per second (CDP
// TaskDuration), beside the same page idle in the same run. Goal ([5/9]): under 300 ms per second.
// Positions enter on the server's bus: ingesting 5,000 fixes a second is [8/9]'s benchmark.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { seededRandom } from '../../src/lib/domain/random.ts';
import { readConfig } from '../../src/lib/server/config.ts';
import { startProduction } from '../../src/lib/server/production.ts';
import { createUser } from '../../src/lib/server/services/auth.ts';
import { DETECTION_DEFAULTS, publishSet, runDetection } from '../../src/lib/server/services/detection.ts';
import { importFile } from '../../src/lib/server/services/imports.ts';

const root = new URL('../../', import.meta.url).pathname;
const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

export async function run(): Promise<void> {
	const port = 5100 + Math.floor(Math.random() * 100);
	const dir = mkdtempSync(join(tmpdir(), 'hp-bench-control-'));
	const config = readConfig({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` });
	const app = await startProduction(config);
	const { app: ctx } = app;
	try {
		const now = ctx.now();
		await createUser(ctx.db, { username: 'sgt', role: 'supervisor', password: 'bench-pass' }, now);
		await importFile(ctx.db, join(root, 'tests/fixtures/police-uk/oxford-centre-2024-01.csv'), { now });
		const { setId } = await runDetection(ctx, 'bench', { ...DETECTION_DEFAULTS, cellM: 100 }, null);
		await publishSet(ctx, setId);
		// a force on duty, inserted in bulk
		const ids: number[] = [];
		for (let i = 0; i < OFFICERS; i += 500) {
			const rows = Array.from({ length: Math.min(500, OFFICERS - i) }, (_, k) => ({
				username: `b${i + k}`,
				display_name: `B-${i + k}`,
				callsign: `B-${String(i + k).padStart(4, '0')}`,
				team: null,
				role: 'officer' as const,
				password_hash: null,
				disabled: 0,
				created_at: now
			}));
			ids.push(...(await ctx.db.insertInto('users').values(rows).returning('id').execute()).map((r) => r.id));
		}
		for (let i = 0; i < ids.length; i += 500) {
			await ctx.db.insertInto('duty_periods').values(ids.slice(i, i + 500).map((id) => ({ user_id: id, started_at: now, ended_at: null }))).execute();
		}
		await ctx.fleet.load();

		const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
		const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await page.goto(`http://127.0.0.1:${port}/login`);
		await page.locator('html[data-hydrated=true]').waitFor();
		await page.fill('input[name=username]', 'sgt');
		await page.fill('input[name=password]', 'bench-pass');
		await page.click('button[type=submit]');
		await page.waitForURL(/\/control/);
		await page.locator('[data-testid=map][data-ready=true]').waitFor();
		await page.getByTestId('control-connection').and(page.locator('[data-connected=true]')).waitFor();
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Performance.enable');
		// ScriptDuration is the JavaScript work; TaskDuration adds style, layout and, here, the
		// software WebGL rasteriser, which a real GPU takes off the main thread
		const busy = async (seconds: number) => {
			const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]));
			const a = await metrics();
			const t0 = performance.now();
			await new Promise((r) => setTimeout(r, seconds * 1000));
			const b = await metrics();
			const s = (performance.now() - t0) / 1000;
			return { script: (b.ScriptDuration - a.ScriptDuration) / s, task: (b.TaskDuration - a.TaskDuration) / s };
		};

		// officers move at 1 Hz, each at its own phase: a tenth of them every 100 ms
		const random = seededRandom(5);
		const pos = ids.map(() => [-1.272 + random() * 0.024, 51.749 + random() * 0.015]);
		const callsigns = ids.map((_, i) => `B-${String(i).padStart(4, '0')}`);
		let tick = 0;
		let sent = 0;
		const timer = setInterval(() => {
			const t = ctx.now();
			for (let i = tick % 10; i < ids.length; i += 10) {
				pos[i][0] += (random() - 0.5) * 0.0002;
				pos[i][1] += (random() - 0.5) * 0.00014;
				ctx.bus.publish('officer:moved', { officer: ids[i], callsign: callsigns[i], fixId: `f${t}-${i}`, t, lat: pos[i][1], lon: pos[i][0], accuracy: 8, mode: 'foot' });
				sent++;
			}
			tick++;
		}, 100);
		await page.waitForTimeout(3000); // warm up: the first snapshot and map layers
		const loaded = await busy(SECONDS);
		clearInterval(timer);
		await page.waitForTimeout(2000);
		const quiet = await busy(5);
		const shown = await page.getByTestId('officer').count();
		console.log(
			`control room: ${OFFICERS.toLocaleString('en-GB')} officers at 1 Hz (${Math.round(sent / (SECONDS + 3))} moves/s sent): main-thread JavaScript ${loaded.script.toFixed(0)} ms per second (goal < 300: ${loaded.script < 300 ? 'met' : 'NOT met'}); all main-thread tasks incl. software rendering ${loaded.task.toFixed(0)} ms/s`
		);
		console.log(
			`control room: the same page with nobody moving: JavaScript ${quiet.script.toFixed(0)} ms/s, all tasks ${quiet.task.toFixed(0)} ms/s — JavaScript ratio ${(loaded.script / Math.max(1, quiet.script)).toFixed(1)}; ${shown} rows in the side panel (the rest on the map)`
		);
		await browser.close();
	} finally {
		await app.close();
		app.server.closeAllConnections();
		app.server.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await run();
	process.exit(0);
}
