// `npm run screenshots`: runs the demo on a scratch database and photographs the pages the
// README shows. Each shot is taken from the page's own state, after the map reports ready.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const port = 4400 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const out = join(root, 'docs/screenshots');
const warmup = Number(process.env.SCREENSHOT_WARMUP_S ?? 45);

const demo = spawn(process.execPath, ['src/cli/index.ts', 'demo', '--port', String(port)], {
	cwd: root,
	env: { ...process.env, DEMO_DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hp-shots-')), 'demo.db')}` },
	stdio: ['ignore', 'inherit', 'inherit']
});

async function until(ok: () => Promise<boolean>, ms: number) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await ok().catch(() => false)) return;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error('timed out');
}

async function login(page: Page, user: string) {
	await page.goto(`${base}/login`);
	await page.fill('input[name=username]', user);
	await page.fill('input[name=password]', 'demo');
	await page.click('button[type=submit]');
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

try {
	await until(async () => (await fetch(`${base}/api/health`)).ok, 180_000);
	console.log(`screenshots: letting the simulated officers walk for ${warmup} s`);
	await new Promise((r) => setTimeout(r, warmup * 1000));
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
	await login(page, 'supervisor');
	await page.goto(`${base}/control`);
	await page.locator('[data-testid=map][data-ready=true]').waitFor();
	await page.waitForTimeout(2500);
	await page.screenshot({ path: join(out, 'control-room.png') });
	console.log(`screenshots: ${join(out, 'control-room.png')}`);
	const desk = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	await login(desk, 'commander');
	await desk.goto(`${base}/command`);
	await desk.getByTestId('per-hotspot').waitFor();
	await desk.screenshot({ path: join(out, 'shift-summary.png') });
	const pocket = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	await login(pocket, 'commander');
	await pocket.goto(`${base}/command`);
	await pocket.getByTestId('per-hotspot').waitFor();
	await pocket.screenshot({ path: join(out, 'shift-summary-phone.png') });
	console.log(`screenshots: ${join(out, 'shift-summary.png')}`);
	const analyst = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	await login(analyst, 'analyst');
	await analyst.goto(`${base}/dashboard?from=2024-01&to=2024-04&area=all`);
	await analyst.locator('[data-testid=map][data-ready=true]').waitFor();
	await analyst.waitForTimeout(2000);
	await analyst.screenshot({ path: join(out, 'dashboard.png') });
	console.log(`screenshots: ${join(out, 'dashboard.png')}`);
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`${base}/control/wall?theme=night`);
	await page.locator('[data-testid=map][data-ready=true]').waitFor();
	await page.waitForTimeout(3000);
	await page.screenshot({ path: join(out, 'wall-night.png') });
	console.log(`screenshots: ${join(out, 'wall-night.png')}`);
	await browser.close();
} finally {
	demo.kill('SIGINT');
}
