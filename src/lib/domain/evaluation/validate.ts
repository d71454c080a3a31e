// Checks on place-days handed to the core by code (the CLI checks files first, with file and row
// in its messages). A bad value is a bug upstream; say which row and field.
import type { EvaluateOptions, PlaceDay } from './types.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDate(day: string): boolean {
	if (!DAY.test(day)) return false;
	const d = new Date(`${day}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** What each place-day field must hold, in the words error messages use. */
export const EXPECTED: Record<keyof PlaceDay, string> = {
	hotspot: 'expected a hot spot id',
	day: 'expected a date YYYY-MM-DD',
	arm: 'expected treatment or control',
	crimes: 'expected a whole number ≥ 0',
	doses: 'expected a whole number ≥ 0',
	harm: 'expected a number ≥ 0',
	doseMinutes: 'expected a number ≥ 0'
};

function valid(field: keyof PlaceDay, value: unknown): boolean {
	switch (field) {
		case 'hotspot':
			return typeof value === 'string' && value.trim() !== '';
		case 'day':
			return typeof value === 'string' && isDate(value);
		case 'arm':
			return value === 'treatment' || value === 'control';
		case 'crimes':
		case 'doses':
			return Number.isInteger(value) && (value as number) >= 0;
		case 'harm':
		case 'doseMinutes':
			return typeof value === 'number' && Number.isFinite(value) && value >= 0;
	}
}

/** The reason a place-day field is wrong, or null. Shared with the CLI so both say the same. */
export function fieldProblem(field: keyof PlaceDay, value: unknown): string | null {
	return valid(field, value) ? null : `${EXPECTED[field]}, got ${JSON.stringify(value)}`;
}

export function validatePlaceDays(rows: readonly PlaceDay[]): void {
	const seen = new Map<string, number>();
	rows.forEach((r, i) => {
		for (const field of ['hotspot', 'day', 'arm', 'crimes', 'harm'] as const) {
			const problem = fieldProblem(field, r[field]);
			if (problem) throw new Error(`place-day ${i}, ${field}: ${problem}`);
		}
		for (const field of ['doseMinutes', 'doses'] as const) {
			const problem = r[field] === undefined ? null : fieldProblem(field, r[field]);
			if (problem) throw new Error(`place-day ${i}, ${field}: ${problem}`);
		}
		const key = `${r.hotspot}\u0000${r.day}`;
		const earlier = seen.get(key);
		if (earlier !== undefined) throw new Error(`place-day ${i}: hot spot "${r.hotspot}" on ${r.day} already came at place-day ${earlier}`);
		seen.set(key, i);
	});
}

export function validateOptions(o: EvaluateOptions): void {
	if (!Number.isInteger(o.permutations) || o.permutations < 0) throw new Error(`permutations: expected a whole number ≥ 0, got ${o.permutations}`);
	if (!Number.isInteger(o.seed)) throw new Error(`seed: expected a whole number, got ${o.seed}`);
	if (!(o.targetRatio > 0) || o.targetRatio === 1 || !Number.isFinite(o.targetRatio)) throw new Error(`targetRatio: expected a positive number other than 1, got ${o.targetRatio}`);
	if (!(o.power > 0 && o.power < 1)) throw new Error(`power: expected a number between 0 and 1, got ${o.power}`);
	if (!(o.alpha > 0 && o.alpha < 1)) throw new Error(`alpha: expected a number between 0 and 1, got ${o.alpha}`);
	if (o.permuteWithin !== 'day' && o.permuteWithin !== 'place') throw new Error(`permuteWithin: expected day or place, got ${o.permuteWithin}`);
}
