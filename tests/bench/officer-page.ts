// The officer's first load on a phone: JavaScript bytes (gzipped) and time to interactive under
// Lighthouse's mobile throttling (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, 4× CPU
// slowdown), beside the same load unthrottled in the same run. Goals ([4/9]): ≤ 60 KB of
// JavaScript, interactive in under 2 s.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';

const root = new URL('../../', import.meta.url).pathname;

async function until(ok: () => Promise<boolean>, ms: number) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await ok().catch(() => false)) return;
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error('server did not start');
}

async function measure(context: BrowserContext, base: string, throttled: boolean) {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	if (throttled) {
		await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	}
	const scripts: string[] = [];
	page.on('response', (r) => {
		if (r.request().resourceType() === 'script' && r.url().startsWith(base)) scripts.push(r.url());
	});
	const t0 = Date.now();
	await page.goto(`${base}/officer`);
	await page.locator('html[data-hydrated=true]').waitFor({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Send me to a hot spot' }).waitFor();
	const ms = Date.now() - t0;
	const critical = size(scripts);
	// everything the first load brings, including what loads after the page is interactive
	await page.waitForLoadState('networkidle');
	const all = size(scripts);
	await page.close();
	return { ms, critical, gz: all.gz, files: all.files };
}

function size(scripts: string[]) {
	let gz = 0;
	for (const url of new Set(scripts)) gz += gzipSync(readFileSync(join(root, 'build/client', new URL(url).pathname)), { level: 9 }).length;
	return { gz, files: new Set(scripts).size };
}

export async function run(): Promise<void> {
	if (!existsSync(join(root, 'build/index.js'))) throw new Error('run `npm run build` first');
	const port = 4900 + Math.floor(Math.random() * 90);
	const base = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, [join(root, 'tests/e2e/serve.ts')], {
		env: { ...process.env, E2E_PORT: String(port), E2E_STATE: join(tmpdir(), `hp-bench-state-${port}.json`) },
		stdio: 'ignore'
	});
	try {
		await until(async () => (await fetch(`${base}/api/health`)).ok, 60_000);
		const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
		const context = await browser.newContext({ viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true, geolocation: { latitude: 51.7519, longitude: -1.2579 }, permissions: ['geolocation'], serviceWorkers: 'block' });
		const login = await context.newPage();
		await login.goto(`${base}/login`);
		await login.locator('html[data-hydrated=true]').waitFor();
		await login.fill('input[name=username]', 'pc-ada');
		await login.fill('input[name=password]', 'e2e-pass');
		await login.click('button[type=submit]');
		await login.waitForURL(/\/officer/);
		await login.close();
		const fast = await measure(context, base, false);
		const runs = [];
		for (let i = 0; i < 5; i++) runs.push(await measure(context, base, true));
		const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
		const median = ms[2];
		console.log(
			`officer page: first-load JavaScript ${(fast.gz / 1024).toFixed(1)} KB gzipped in ${fast.files} files, ${(fast.critical.gz / 1024).toFixed(1)} KB of it before the page is interactive (goal ≤ 60 KB: ${fast.gz <= 60 * 1024 ? 'met' : 'NOT met'})`
		);
		console.log(
			`officer page: interactive in ${fast.ms} ms unthrottled; with Lighthouse mobile throttling median ${median} ms of 5 (${ms.join(', ')}) — ratio ${(median / fast.ms).toFixed(1)} (goal < 2000 ms: ${median < 2000 ? 'met' : 'NOT met'})`
		);
		await browser.close();
	} finally {
		server.kill('SIGTERM');
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
