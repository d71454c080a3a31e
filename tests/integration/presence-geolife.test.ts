// Foot or vehicle against people's own labels: Microsoft Research GeoLife 1.3 (users 010, 020
// and 178, as trackintel ships them for its tests). GeoLife is for research only, so it is read
// from ../shared/data and never copied into the project. It has no accuracy: 10 m is assumed.
//
// A minute is evaluated when (data README caveats) it is sampled at 10 s or better (6 fixes or
// more), at least 50 s of it is known (no gap over 60 s), and exactly one label covers all of it: walk (foot) or bus/taxi/car (vehicle). Minutes under
// two overlapping labels, at a label's edge, with other modes (bike, train…), without a label or
// sparsely sampled (three of user 010's four files are ~59 s; user 010's 19 m/s "walk" of
// 2008-04-01 lies in one of them) are excluded and counted. The engine's mode for a minute is the
// mode of the majority of its known time, as for a visit; "unknown" counts as a miss.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modeTimeline } from '../../src/lib/domain/presence/detect-visits.ts';
import type { Mode, PresenceFix } from '../../src/lib/domain/presence/types.ts';

const ROOT = fileURLToPath(new URL('../../../shared/data/gps/geolife/geolife_modes/', import.meta.url));
const present = existsSync(ROOT);
const CI = process.env.CI === 'true';
if (!present && !CI) console.warn(`skipping the GeoLife foot/vehicle check: ${ROOT} is not there (research-only data, never copied)`);

const CLASS: Record<string, 'foot' | 'vehicle'> = { walk: 'foot', bus: 'vehicle', taxi: 'vehicle', car: 'vehicle' };
const utc = (s: string) => Date.parse(s.replace(/\//g, '-').replace(' ', 'T') + 'Z');

function tracks(user: string): PresenceFix[][] {
	const dir = `${ROOT}${user}/Trajectory/`;
	return readdirSync(dir)
		.filter((f) => f.endsWith('.plt'))
		.sort()
		.map((file) =>
			readFileSync(dir + file, 'utf8')
				.split(/\r?\n/)
				.slice(6)
				.filter((l) => l.trim() !== '')
				.map((l, i) => {
					const [lat, lon, , , , date, time] = l.split(',');
					return { id: `${file}-${i}`, t: utc(`${date} ${time}`), lat: Number(lat), lon: Number(lon), accuracy: 10, speed: null };
				})
		);
}

function labels(user: string): { from: number; to: number; mode: string }[] {
	const file = `${ROOT}${user}/labels.txt`;
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split(/\r?\n/)
		.slice(1)
		.filter((l) => l.trim() !== '')
		.map((l) => {
			const [from, to, mode] = l.split('\t');
			return { from: utc(from), to: utc(to), mode: mode.trim() };
		});
}

type Outcome = { label: 'foot' | 'vehicle'; engine: Mode } | { excluded: string };

/** Every minute that holds a fix, evaluated or excluded with a reason. */
function minutes(fixes: PresenceFix[], labelled: ReturnType<typeof labels>): Outcome[] {
	const timeline = modeTimeline(fixes);
	const byMinute = new Map<number, { fixes: number; ms: Record<Mode, number> }>();
	const at = (m: number) => byMinute.get(m) ?? byMinute.set(m, { fixes: 0, ms: { foot: 0, vehicle: 0, unknown: 0 } }).get(m)!;
	for (const f of fixes) at(Math.floor(f.t / 60_000) * 60_000).fixes++;
	for (let i = 1; i < timeline.length; i++) {
		const { t: a } = timeline[i - 1];
		const { t: b, mode, gap } = timeline[i];
		if (gap) continue;
		for (let m = Math.floor(a / 60_000) * 60_000; m < b; m += 60_000) {
			const part = Math.min(b, m + 60_000) - Math.max(a, m);
			if (part > 0) at(m).ms[mode] += part;
		}
	}
	return [...byMinute].map(([m, cell]): Outcome => {
		const over = labelled.filter((l) => l.from < m + 60_000 && l.to > m);
		const known = cell.ms.foot + cell.ms.vehicle + cell.ms.unknown;
		if (cell.fixes < 6) return { excluded: 'sampled less often than every 10 s' };
		if (known < 50_000) return { excluded: 'under 50 s of the minute known (a gap)' };
		if (over.length === 0) return { excluded: 'no label' };
		if (over.length > 1) return { excluded: 'overlapping labels' };
		if (!CLASS[over[0].mode]) return { excluded: `other mode (${over[0].mode})` };
		if (over[0].from > m || over[0].to < m + 60_000) return { excluded: "at a label's start or end" };
		const engine: Mode = cell.ms.foot * 2 > known ? 'foot' : cell.ms.vehicle * 2 > known ? 'vehicle' : 'unknown';
		return { label: CLASS[over[0].mode], engine };
	});
}

describe.skipIf(!present && !CI)('foot/vehicle against GeoLife labels', () => {
	it('agrees with the labels for at least 90 % of evaluable minutes', () => {
		expect(present, `GeoLife data missing at ${ROOT}: CI must not skip this check`).toBe(true);
		const outcomes = ['010', '020', '178'].flatMap((user) => tracks(user).flatMap((fixes) => minutes(fixes, labels(user))));
		const evaluated = outcomes.filter((o): o is Extract<Outcome, { label: string }> => 'label' in o);
		const matrix = { foot: { foot: 0, vehicle: 0, unknown: 0 }, vehicle: { foot: 0, vehicle: 0, unknown: 0 } };
		for (const o of evaluated) matrix[o.label][o.engine]++;
		const excluded = new Map<string, number>();
		for (const o of outcomes) if ('excluded' in o) excluded.set(o.excluded, (excluded.get(o.excluded) ?? 0) + 1);
		const agree = matrix.foot.foot + matrix.vehicle.vehicle;
		console.log(
			[
				`GeoLife foot/vehicle: ${evaluated.length} evaluable minutes of ${outcomes.length} with fixes; agreement ${agree}/${evaluated.length} = ${((100 * agree) / evaluated.length).toFixed(1)} %`,
				'  label \\ engine   foot  vehicle  unknown',
				...(['foot', 'vehicle'] as const).map((l) => `  ${l.padEnd(16)} ${String(matrix[l].foot).padStart(5)} ${String(matrix[l].vehicle).padStart(8)} ${String(matrix[l].unknown).padStart(8)}`),
				'  excluded minutes:',
				...[...excluded].sort((a, b) => b[1] - a[1]).map(([why, n]) => `    ${String(n).padStart(5)}  ${why}`)
			].join('\n')
		);
		// the assumed accuracy enters the speeds (see motion.ts): how much it matters, for the record
		for (const accuracy of [5, 20]) {
			const other = ['010', '020', '178'].flatMap((user) => tracks(user).flatMap((fixes) => minutes(fixes.map((f) => ({ ...f, accuracy })), labels(user))));
			const ok = other.filter((o) => 'label' in o && o.label === o.engine).length;
			console.log(`  assuming ${accuracy} m instead of 10 m: ${ok}/${other.filter((o) => 'label' in o).length} agree`);
		}
		expect(matrix.foot.foot + matrix.foot.vehicle + matrix.foot.unknown).toBeGreaterThan(5);
		expect(matrix.vehicle.foot + matrix.vehicle.vehicle + matrix.vehicle.unknown).toBeGreaterThan(5);
		expect(agree / evaluated.length).toBeGreaterThanOrEqual(0.9);
	});
});
