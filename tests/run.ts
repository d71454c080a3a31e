// `npm test`: the whole suite as CI runs it — build, unit + integration (Vitest), end-to-end
// (Playwright in Debian's Chromium) — ending with one line: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'hp-tests-'));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);
const want = (part: string) => only.length === 0 || only.includes(part);

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
	const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status ?? 1;
}

let passed = 0;
let failed = 0;
let broken = false;

if (want('e2e')) {
	console.log('\n== build');
	if (run(bin('vite'), ['build', '--logLevel', 'warn']) !== 0) broken = true;
}

if (want('unit') || want('integration')) {
	console.log('\n== unit + integration (Vitest)');
	const projects = ['unit', 'integration'].filter(want).flatMap((p) => ['--project', p]);
	const report = join(out, 'vitest.json');
	const code = run(bin('vitest'), ['run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
	if (existsSync(report)) {
		const r = JSON.parse(readFileSync(report, 'utf8'));
		passed += r.numPassedTests;
		failed += r.numFailedTests;
		if (code !== 0 && r.numFailedTests === 0) broken = true;
	} else broken = true;
}

if (want('e2e') && !broken) {
	console.log('\n== end-to-end (Playwright)');
	const report = join(out, 'playwright.json');
	const code = run(bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
	if (existsSync(report)) {
		const s = JSON.parse(readFileSync(report, 'utf8')).stats;
		passed += s.expected + s.flaky;
		failed += s.unexpected;
		if (code !== 0 && s.unexpected === 0) broken = true;
	} else broken = true;
}

if (broken) {
	console.log('\nthe suite did not run to the end (see above)');
	failed = Math.max(failed, 1);
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
