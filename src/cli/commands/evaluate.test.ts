import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './evaluate.ts';

const dir = mkdtempSync(join(tmpdir(), 'hp-evaluate-'));

function csv(name: string, lines: string[]): string {
	const path = join(dir, name);
	writeFileSync(path, lines.join('\n') + '\n');
	return path;
}

// the worked example of the domain tests: 3 treated crimes against 7 control crimes, equal days
const EXAMPLE = [
	'hotspot,day,arm,crimes,harm',
	'A,2026-03-01,control,2,400',
	'A,2026-03-03,control,1,200',
	'A,2026-03-02,treatment,1,200',
	'A,2026-03-04,treatment,0,0',
	'B,2026-03-01,control,0,0',
	'B,2026-03-03,control,2,400',
	'B,2026-03-02,treatment,1,200',
	'B,2026-03-04,treatment,0,0',
	'C,2026-03-01,control,1,200',
	'C,2026-03-03,control,1,200',
	'C,2026-03-02,treatment,0,0',
	'C,2026-03-04,treatment,1,200'
];

async function evaluate(argv: string[]): Promise<Record<string, any>> {
	const out: string[] = [];
	vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
	vi.spyOn(console, 'error').mockImplementation(() => {});
	expect(await run(argv)).toBe(0);
	// one JSON object, nothing else on stdout
	return JSON.parse(out.join(''));
}

afterEach(() => vi.restoreAllMocks());

describe('evaluate command', () => {
	it('prints one JSON object with the contract fields', async () => {
		const e = await evaluate(['--place-days', csv('pd.csv', EXAMPLE), '--permutations', '99', '--seed', 'trial-1']);
		expect(e).toMatchObject({ placeDays: 12, places: 3, days: 4, permutations: 99 });
		expect(e.rateRatio).toBeCloseTo(3 / 7, 12);
		expect(e.harmRatio).toBeCloseTo(3 / 7, 12);
		expect(e.ci95).toHaveLength(2);
		expect(e.ci95[0]).toBeLessThan(e.rateRatio);
		expect(e.ci95[1]).toBeGreaterThan(e.rateRatio);
		expect(e.p).toBeGreaterThan(0);
		expect(e.p).toBeLessThan(1);
		expect(e.power.statement).toMatch(/^12 place-days so far; about [\d,]+ needed to detect a 20 % reduction with 80 % power\./);
		expect(e.arms.treatment).toMatchObject({ placeDays: 6, crimes: 3, harm: 600, doseMinutes: null });
	});

	it('reads columns in any order and case, dose columns, and buffers', async () => {
		const swapped = EXAMPLE.map((l) => l.split(',')).map(([h, d, a, c, x], i) => [a, x, c, d, h, i === 0 ? 'DoseMinutes' : a === 'treatment' ? '25.5' : '0', i === 0 ? 'doses' : a === 'treatment' ? '1' : '0'].join(','));
		swapped[0] = swapped[0].toUpperCase().replace('DOSEMINUTES', 'DoseMinutes').replace('DOSES', 'doses');
		const file = csv('swapped.csv', swapped);
		const e = await evaluate(['--place-days', file, '--buffer-days', file, '--permutations', '0', '--target', '0.7']);
		expect(e.rateRatio).toBeCloseTo(3 / 7, 12);
		expect(e.arms.treatment).toMatchObject({ doseMinutes: 153, doseMinutesPerPlaceDay: 25.5, doses: 6, dosedShare: 1 });
		expect(e.arms.control).toMatchObject({ doseMinutes: 0, doses: 0 });
		expect(e.power.statement).toMatch(/to detect a 30 % reduction/);
		expect(e.permutationP).toBeNull();
		expect(e.displacement.rateRatio).toBeCloseTo(3 / 7, 12);
		expect(e.displacement.reading).toMatch(/^(diffusion of benefits|no clear change)$/);
	});

	it('refuses each kind of bad row with the file, row and field', async () => {
		const bad = (name: string, row: string) => csv(name, [...EXAMPLE.slice(0, 3), row, ...EXAMPLE.slice(4)]);
		const cases: [string, string][] = [
			['A,2026-03-02,treated,1,200', 'row 4, arm: expected treatment or control, got "treated"'],
			['A,2026-03-02,treatment,1.5,200', 'row 4, crimes: expected a whole number ≥ 0, got "1.5"'],
			['A,2026-03-02,treatment,,200', 'row 4, crimes: expected a whole number ≥ 0, got ""'],
			['A,2026-03-02,treatment,1,-2', 'row 4, harm: expected a number ≥ 0, got "-2"'],
			['A,2026-03-02,treatment,1,lots', 'row 4, harm: expected a number ≥ 0, got "lots"'],
			['A,2026-02-30,treatment,1,200', 'row 4, day: expected a date YYYY-MM-DD, got "2026-02-30"'],
			['A,02/03/2026,treatment,1,200', 'row 4, day: expected a date YYYY-MM-DD, got "02/03/2026"'],
			[',2026-03-02,treatment,1,200', 'row 4, hotspot: expected a hot spot id, got ""'],
			['A,2026-03-02,treatment', 'row 4, crimes: expected a whole number ≥ 0, got ""'],
			['A,2026-03-01,treatment,1,200', 'row 4, day: hot spot "A" already has a row for 2026-03-01 (row 2)'],
			['A,2026-03-02,"treat"ment,1,200', 'line 4: text after a closing quote']
		];
		for (const [i, [row, reason]] of cases.entries()) {
			const file = bad(`bad-${i}.csv`, row);
			await expect(run(['--place-days', file]), row).rejects.toThrow(`${file}: ${reason}`);
		}
		const dose = csv('bad-dose.csv', ['hotspot,day,arm,crimes,harm,doseMinutes', 'A,2026-03-01,control,0,0,0', 'A,2026-03-02,treatment,0,0,soon']);
		await expect(run(['--place-days', dose])).rejects.toThrow(`${dose}: row 3, doseMinutes: expected a number ≥ 0, got "soon"`);
	});

	it('refuses a bad header, an empty file and bad options', async () => {
		const header = csv('header.csv', ['hotspot,date,arm,crimes', 'A,2026-03-01,control,0']);
		await expect(run(['--place-days', header])).rejects.toThrow(`${header}: row 1 (header): missing day, harm; expected "hotspot,day,arm,crimes,harm"`);
		const empty = csv('empty.csv', ['hotspot,day,arm,crimes,harm']);
		await expect(run(['--place-days', empty])).rejects.toThrow(`${empty}: no place-day rows after the header`);
		await expect(run([])).rejects.toThrow('--place-days is required');
		await expect(run(['--place-days', join(dir, 'nope.csv')])).rejects.toThrow('--place-days: ' + join(dir, 'nope.csv') + ' does not exist');
		const good = csv('good.csv', EXAMPLE);
		await expect(run(['--place-days', good, '--permutations=-1'])).rejects.toThrow('--permutations must be a whole number');
		await expect(run(['--place-days', good, '--within', 'week'])).rejects.toThrow('--within must be day or place, got "week"');
		await expect(run(['--place-days', good, '--target', '1'])).rejects.toThrow('--target must be a rate ratio');
		await expect(run(['--place-days', good, '--bogus'])).rejects.toThrow(/bogus/);
	});
});
