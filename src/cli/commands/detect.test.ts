// `cli detect` as an analyst from elsewhere runs it: nothing to find says why, the mapping's zone
// counts, and a file with repeated ids gives the database's answer.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './detect.ts';

const root = new URL('../../../', import.meta.url).pathname;
const fixture = (p: string) => `${root}tests/fixtures/${p}`;
const dir = mkdtempSync(join(tmpdir(), 'hp-detect-'));

async function detect(argv: string[]): Promise<{ code: number; err: string; out: any }> {
	const err: string[] = [];
	vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
	vi.spyOn(console, 'log').mockImplementation((...a) => void err.push(a.join(' ')));
	const file = join(dir, `out-${Math.random().toString(36).slice(2)}.geojson`);
	let code: number;
	try {
		code = await run([...argv, '--out', file]);
	} catch (e) {
		err.push(`error: ${(e as Error).message}`);
		code = 2;
	}
	let out = null;
	try {
		out = JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		/* not written */
	}
	return { code, err: err.join('\n'), out };
}

afterEach(() => vi.restoreAllMocks());

describe('cli detect', () => {
	it('says why a type with harm weight 0 finds nothing, and suggests --metric count', async () => {
		const r = await detect(['--input', fixture('police-uk/oxford-centre-2024-01.csv'), '--types', 'Anti-social behaviour', '--cell', '100']);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/Anti-social behaviour has harm weight 0.*--metric count/);
		const counted = await detect(['--input', fixture('police-uk/oxford-centre-2024-01.csv'), '--types', 'Anti-social behaviour', '--cell', '100', '--metric', 'count', '--min-crimes', '3']);
		expect(counted.code).toBe(0);
	});

	it('fails on input with no records instead of "0 hot spots from 0 records (0-01…0-01)"', async () => {
		const empty = join(dir, 'header-only.csv');
		writeFileSync(empty, readFileSync(fixture('police-uk/oxford-centre-2024-01.csv'), 'utf8').split('\n')[0] + '\n');
		const r = await detect(['--input', empty]);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/no records to analyse: header-only\.csv has none/);
		expect(r.err).not.toMatch(/0-01/);
	});

	it("works in the mapping's zone unless --tz says otherwise, and warns when it does", async () => {
		const input = fixture('time-of-day/memphis-robberies-2019.csv');
		const own = await detect(['--input', input, '--mapping', fixture('mappings/memphis.json'), '--top', '3']);
		expect(own.code).toBe(0);
		expect(own.out.features.length).toBeGreaterThan(0);
		for (const f of own.out.features) {
			expect(f.properties.windows.every((w: { tz: string }) => w.tz === 'America/Chicago')).toBe(true);
			expect(f.properties.why).toMatch(/America\/Chicago/);
		}
		const told = await detect(['--input', input, '--mapping', fixture('mappings/memphis.json'), '--top', '3', '--tz', 'Europe/London']);
		expect(told.err).toMatch(/--tz Europe\/London differs from the mapping's zone America\/Chicago/);
		expect(told.out.features[0].properties.windows[0].tz).toBe('Europe/London');
	});

	it('counts a record whose id repeats once, as an import does', async () => {
		const lines = readFileSync(fixture('time-of-day/memphis-robberies-2019.csv'), 'utf8').trimEnd().split('\n');
		const twice = join(dir, 'memphis-twice.csv');
		// the same 200 crimes exported again at the end, as a later extract would repeat them
		writeFileSync(twice, [...lines, ...lines.slice(1, 201)].join('\n') + '\n');
		const r = await detect(['--input', twice, '--mapping', fixture('mappings/memphis.json')]);
		expect(r.code).toBe(0);
		expect(r.err).toMatch(/200 repeated ids \(the later row kept\)/);
		expect(r.err).toMatch(/hot spots .*from 2245 records/);
	});

	it('keeps as many hot spots as capacity allows, as the detect page does; --all or --top instead', async () => {
		const input = fixture('time-of-day/memphis-robberies-2019.csv');
		const mapping = ['--mapping', fixture('mappings/memphis.json')];
		const count = async (extra: string[]) => {
			const r = await detect(['--input', input, ...mapping, ...extra]);
			expect(r.code, r.err).toBe(0);
			return { n: (r.out as { features: unknown[] }).features.length, err: r.err };
		};
		const byDefault = await count([]);
		expect(byDefault.n).toBe(18); // 4 officers × 3 patrols × 3 shifts ÷ 2 doses
		expect(byDefault.err).toMatch(/18 of (\d+) significant hot spots \(capacity: 4 × 3 × 3 ÷ 2 = 18\), holding \d+ % of harm/);
		const significant = Number(/of (\d+) significant/.exec(byDefault.err)![1]);
		expect((await count(['--officers', '2', '--patrols', '2', '--shifts', '1', '--doses', '1'])).n).toBe(4);
		expect((await count(['--all'])).n).toBe(significant);
		expect((await count(['--top', '5'])).n).toBe(5);
		const bad = await detect(['--input', input, ...mapping, '--doses', '0']);
		expect(bad.code).toBe(2);
		expect(bad.err).toMatch(/--doses: doses per hot spot per day: a number from 0.25 to 24, not "0"/);
	});
});
