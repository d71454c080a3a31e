// When tests/run.ts moves the clock (libfaketime; README: Tests), this proves it moved for what
// the tests run: this worker, the processes it starts (servers, the CLI) and their timers.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const from = process.env.HP_FAKE_CLOCK_FROM ? Date.parse(process.env.HP_FAKE_CLOCK_FROM) : null;
const zone = process.env.HP_FAKE_CLOCK_TZ;

describe('the moved clock', () => {
	it('is where tests/run.ts put it, keeps running, and child processes share it', async (ctx) => {
		if (from === null) return ctx.skip('the clock is not moved in this run (tests/run.ts sets HP_FAKE_CLOCK_FROM when it is)');
		const before = Date.now();
		// the whole unit + integration run takes minutes, never hours
		expect(before).toBeGreaterThanOrEqual(from);
		expect(before - from).toBeLessThan(2 * 3600_000);
		await new Promise((r) => setTimeout(r, 300));
		const waited = Date.now() - before;
		expect(waited).toBeGreaterThanOrEqual(250);
		expect(waited).toBeLessThan(5000);
		// timers and the wall clock agree (monotonic time is left real: FAKETIME_DONT_FAKE_MONOTONIC)
		expect(Math.abs(performance.timeOrigin + performance.now() - Date.now())).toBeLessThan(1000);
		const child = Number(execFileSync(process.execPath, ['-e', 'console.log(Date.now())'], { encoding: 'utf8' }).trim());
		expect(child).toBeGreaterThanOrEqual(before);
		expect(child - Date.now()).toBeLessThanOrEqual(0);
		if (zone) expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
	});
});
