import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (no internet here; DEVELOPERS.md).
const chromium = {
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
};
const PORT = Number(process.env.E2E_PORT || 4319);
/** where the e2e server writes what tests must know of its seed (tokens) */
export const E2E_STATE = join(tmpdir(), `hotspot-patrol-e2e-${PORT}.json`);
process.env.E2E_STATE = E2E_STATE;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: chromium,
		trace: 'retain-on-failure'
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: chromium } }],
	webServer: {
		command: `node tests/e2e/serve.ts`,
		url: `http://127.0.0.1:${PORT}/api/health`,
		env: { E2E_PORT: String(PORT), E2E_STATE },
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
