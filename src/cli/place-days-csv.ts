// The place-days CSV of `evaluate` (docs/evaluation.md, The place-days CSV): header
// `hotspot,day,arm,crimes,harm` in any order and case, optional `doseMinutes,doses`; other columns
// are ignored. Every row is checked and the first bad one is named by file, row (the header is row
// 1, as a spreadsheet shows it) and field.
import { EXPECTED, fieldProblem } from '../lib/domain/evaluation/validate.ts';
import type { PlaceDay } from '../lib/domain/evaluation/types.ts';
import { CsvError, CsvReader } from '../lib/domain/import/csv.ts';
import { UsageError } from './args.ts';

export const PLACE_DAYS_HEADER = ['hotspot', 'day', 'arm', 'crimes', 'harm'] as const;
const OPTIONAL = ['doseMinutes', 'doses'] as const;
type Field = (typeof PLACE_DAYS_HEADER)[number] | (typeof OPTIONAL)[number];

const WHOLE = /^\d+$/;
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function normalise(name: string): string {
	return name.trim().toLowerCase().replace(/[_\s-]/g, '');
}

export function parsePlaceDaysCsv(text: string, file: string): PlaceDay[] {
	const rows: { cells: string[]; line: number }[] = [];
	try {
		const reader = new CsvReader((cells, line) => rows.push({ cells, line }));
		reader.push(text.replace(/^\uFEFF/, ''));
		reader.end();
	} catch (e) {
		if (e instanceof CsvError) throw new UsageError(`${file}: ${e.message}`);
		throw e;
	}
	const header = (rows[0]?.cells ?? []).map(normalise);
	const col = {} as Record<Field, number>;
	for (const f of [...PLACE_DAYS_HEADER, ...OPTIONAL]) col[f] = header.indexOf(normalise(f));
	const missing = PLACE_DAYS_HEADER.filter((f) => col[f] < 0);
	if (missing.length > 0) throw new UsageError(`${file}: row 1 (header): missing ${missing.join(', ')}; expected "${PLACE_DAYS_HEADER.join(',')}" (optional: ${OPTIONAL.join(',')})`);
	if (rows.length < 2) throw new UsageError(`${file}: no place-day rows after the header`);
	const out: PlaceDay[] = [];
	const seen = new Map<string, number>();
	for (const { cells, line } of rows.slice(1)) {
		const raw = (f: Field) => (cells[col[f]] ?? '').trim();
		const bad = (f: Field) => new UsageError(`${file}: row ${line}, ${f}: ${EXPECTED[f]}, got "${raw(f)}"`);
		const text = (f: 'hotspot' | 'day' | 'arm') => {
			if (fieldProblem(f, raw(f))) throw bad(f);
			return raw(f);
		};
		const number = (f: 'crimes' | 'harm' | 'doseMinutes' | 'doses') => {
			const v = raw(f);
			const n = (f === 'crimes' || f === 'doses' ? WHOLE : DECIMAL).test(v) ? Number(v) : NaN;
			if (fieldProblem(f, n)) throw bad(f);
			return n;
		};
		const row: PlaceDay = { hotspot: text('hotspot'), day: text('day'), arm: text('arm') as PlaceDay['arm'], crimes: number('crimes'), harm: number('harm') };
		if (col.doseMinutes >= 0) row.doseMinutes = number('doseMinutes');
		if (col.doses >= 0) row.doses = number('doses');
		const key = `${row.hotspot}\u0000${row.day}`;
		const earlier = seen.get(key);
		if (earlier !== undefined) throw new UsageError(`${file}: row ${line}, day: hot spot "${row.hotspot}" already has a row for ${row.day} (row ${earlier})`);
		seen.set(key, line);
		out.push(row);
	}
	return out;
}
