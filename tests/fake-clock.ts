// The moved clocks `npm test` runs the unit and integration suites under (tests/run.ts), with
// Debian's faketime (libfaketime preloaded into every process the suite starts). Each is a fixed
// offset from the real clock, so the clock keeps ticking and child processes (servers, the CLI)
// share it; a start-at time (faketime '@…') would restart in every child.
import { spawnSync } from 'node:child_process';

export interface FakeClock {
	label: string;
	/** where the moved clock stands when the run starts */
	from: number;
	/** the process time zone for the run, when it should not be the machine's */
	tz?: string;
}

const DAY = 86_400_000;

/** 00:58 UTC on the last Sunday of October of `year`: two minutes before UK clocks go back. */
export function beforeUkClockChange(year: number): number {
	const oct31 = Date.UTC(year, 9, 31, 0, 58);
	return oct31 - new Date(oct31).getUTCDay() * DAY;
}

/**
 * TEST_CLOCKS, comma-separated: `+400d` (days ahead, the machine's zone) or an instant with a
 * zone, `2028-03-26T00:58:00Z@Europe/London`; `off` for none. Default: 400 days ahead, and a
 * start two minutes before the UK autumn clock change of next year, in Europe/London, so the
 * suite runs across it (local 01:00–02:00 happens twice).
 */
export function fakeClocks(spec: string | undefined, now: number): FakeClock[] {
	const year = new Date(now).getUTCFullYear() + 1;
	const items = (spec ?? `+400d,${new Date(beforeUkClockChange(year)).toISOString()}@Europe/London`).split(',').map((s) => s.trim());
	if (items.length === 1 && items[0] === 'off') return [];
	return items.map((item) => {
		const days = /^\+(\d+)d$/.exec(item);
		if (days) return { label: `+${days[1]} days`, from: now + Number(days[1]) * DAY };
		const [iso, tz] = item.split('@');
		const from = Date.parse(iso);
		if (!Number.isFinite(from) || !tz) throw new Error(`TEST_CLOCKS: "${item}" is neither +Nd nor an ISO instant@Zone`);
		return { label: `${iso} in ${tz}`, from, tz };
	});
}

/** The command prefix and environment that run a program under `clock`, or why they cannot. */
export function underClock(clock: FakeClock): { prefix: string[]; env: Record<string, string> } | { missing: string } {
	if (spawnSync('faketime', ['--version'], { stdio: 'ignore' }).error) return { missing: 'faketime is not installed (apt-get install faketime)' };
	const offsetS = Math.round((clock.from - Date.now()) / 1000);
	const env: Record<string, string> = {
		// Timers, performance.now() and libuv's loop run on the monotonic clock, which has no date
		// to move; left real, libfaketime stays out of the timed waits of Node's threads (the
		// libfaketime README's advice for runtimes that hang otherwise) and timers stay exact.
		FAKETIME_DONT_FAKE_MONOTONIC: '1',
		HP_FAKE_CLOCK_FROM: new Date(clock.from).toISOString()
	};
	if (clock.tz) Object.assign(env, { TZ: clock.tz, HP_FAKE_CLOCK_TZ: clock.tz });
	return { prefix: ['faketime', '-f', `${offsetS >= 0 ? '+' : ''}${offsetS}`], env };
}
