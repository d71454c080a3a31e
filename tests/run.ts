// `npm test`: the whole suite as CI runs it — build, unit + integration (Vitest), the same again
// under moved clocks (tests/fake-clock.ts), end-to-end (Playwright in Debian's Chromium), and the
// device end-to-end test under a moved clock — ending with one line: "tests: N passed, N failed".
// Parts: `npm test -- unit integration clock e2e` (any of them; none means all).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClocks, underClock, type FakeClock } from './fake-clock.ts';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'hp-tests-'));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);
const want = (part: string) => only.length === 0 || only.includes(part);
const CI = process.env.CI === 'true' || process.env.CI === '1';
const started = Date.now();

function run(cmd: string[], env: Record<string, string> = {}): number {
	const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status ?? 1;
}

let passed = 0;
let failed = 0;
let broken = false;
let runs = 0;

/** Vitest's unit and/or integration projects, optionally behind a moved clock's command prefix. */
function vitest(label: string, prefix: string[] = [], env: Record<string, string> = {}): void {
	console.log(`\n== ${label}`);
	const report = join(out, `vitest-${++runs}.json`);
	const named = ['unit', 'integration'].filter((p) => only.includes(p));
	const projects = (named.length ? named : ['unit', 'integration']).flatMap((p) => ['--project', p]);
	const args = ['run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
	const code = run([...prefix, bin('vitest'), ...args], env);
	if (!existsSync(report)) return void (broken = true);
	const r = JSON.parse(readFileSync(report, 'utf8'));
	passed += r.numPassedTests;
	failed += r.numFailedTests;
	console.log(`== ${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
	if (code !== 0 && r.numFailedTests === 0) broken = true;
}

function playwright(label: string, args: string[] = [], prefix: string[] = [], env: Record<string, string> = {}): void {
	console.log(`\n== ${label}`);
	const report = join(out, `playwright-${++runs}.json`);
	const code = run([...prefix, bin('playwright'), 'test', ...args], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report });
	if (!existsSync(report)) return void (broken = true);
	const s = JSON.parse(readFileSync(report, 'utf8')).stats;
	passed += s.expected + s.flaky;
	failed += s.unexpected;
	if (code !== 0 && s.unexpected === 0) broken = true;
}

/** The moved clock's prefix and environment; without faketime a CI run fails, a local one says so. */
function moved(clock: FakeClock): { prefix: string[]; env: Record<string, string> } | null {
	const c = underClock(clock);
	if ('prefix' in c) return c;
	console.log(`\n== clock moved to ${clock.label}: not run, ${c.missing}${CI ? ' (CI must run it: counted as failed)' : ''}`);
	if (CI) failed += 1;
	return null;
}

let clocks: FakeClock[] = [];
try {
	clocks = fakeClocks(process.env.TEST_CLOCKS, Date.now());
} catch (e) {
	console.log((e as Error).message);
	broken = true;
}

if (want('e2e')) {
	console.log('\n== build');
	if (run([bin('vite'), 'build', '--logLevel', 'warn']) !== 0) broken = true;
}

if (want('unit') || want('integration')) vitest('unit + integration (Vitest)');

// every test must hold on any date: the same suites with the clock moved (README: Tests)
if (want('clock')) {
	for (const clock of clocks) {
		const m = moved(clock);
		if (m) vitest(`unit + integration, clock moved to ${clock.label} (${m.prefix.join(' ')})`, m.prefix, m.env);
	}
}

if (want('e2e') && !broken) {
	playwright('end-to-end (Playwright)');
	// the phone apps' fixtures are timed by the server's clock: moved, they must still be current.
	// Chromium does not start with libfaketime preloaded; it keeps the real clock through a wrapper.
	const clock = clocks[0];
	const m = clock && moved(clock);
	if (m) {
		const env = { ...m.env, CHROMIUM_PATH: join(root, 'tests/e2e/real-clock-chromium.sh'), HP_REAL_CHROMIUM: process.env.CHROMIUM_PATH || '/usr/bin/chromium' };
		playwright(`end-to-end, devices, server clock moved to ${clock.label}`, ['tests/e2e/devices.e2e.ts'], m.prefix, env);
	}
}

if (broken) {
	console.log('\nthe suite did not run to the end (see above)');
	failed = Math.max(failed, 1);
}
console.log(`\n(${Math.round((Date.now() - started) / 60_000)} min)`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
