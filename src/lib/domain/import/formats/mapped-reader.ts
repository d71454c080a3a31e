// Reads one row through a column mapping into a record, a row without a location, a left-out row
// or a rejection naming the field. Also collects what the analyst should hear about the file as a
// whole (an assumed coordinate system, time offsets that disagree with the mapping's zone).
import { findCrs, type Crs } from '../crs.ts';
import { exclusionTest } from '../exclusions.ts';
import { localMonthIn } from '../local-month.ts';
import { DateParser } from '../datetime.ts';
import type { CrimeRecordInput, RowResult } from '../types.ts';
import type { ColumnMapping } from './mapping.ts';

export interface MappedReader {
	(get: (column: string) => string | undefined, row: number, point?: [number, number]): RowResult;
	/** file-level notices, once the rows are read */
	warnings(): string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])/;
/** what exports write for "no value" (R, Excel, SQL dumps, pandas) */
const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null', 'nan', 'none', '-', '?']);
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const BNG = findCrs('EPSG:27700')!;

/** A number as exports write it: "51.75", or "51,75" with a decimal comma (semicolon-separated European files). */
function num(text: string): number {
	return /^[-+]?\d+,\d+$/.test(text) ? Number(text.replace(',', '.')) : Number(text);
}

function monthNumber(text: string): number {
	const n = Number(text);
	if (text !== '' && Number.isInteger(n)) return n;
	const i = MONTH_NAMES.indexOf(text.slice(0, 3).toLowerCase());
	return i >= 0 && (text.length === 3 || MONTH_NAMES[i] === text.slice(0, 3).toLowerCase()) ? i + 1 : NaN;
}

/** Builds a row reader over a getter of named fields (CSV columns or GeoJSON properties). */
export function mappedReader(m: ColumnMapping, defaultTz: string): MappedReader {
	const dt = m.datetime;
	const tz = dt?.tz ?? defaultTz;
	const dates = dt ? new DateParser(dt.format ?? 'iso', tz, { textOffset: dt.tz && !dt.trustOffset ? 'ignore' : 'use' }) : null;
	const monthIn = localMonthIn(tz);
	const excluded = m.exclude?.length ? exclusionTest(m.exclude) : null;
	const projected: Crs | null = m.crs ? findCrs(m.crs) : m.easting ? BNG : null;
	const assumedBng = !m.crs && !!m.easting;
	let conflicts = 0;
	let firstConflict = '';

	const read = (get: (column: string) => string | undefined, row: number, point?: [number, number]): RowResult => {
		const text = (c: string | undefined) => {
			if (!c) return null;
			const v = get(c)?.trim();
			return v ? v : null;
		};
		const missing = (v: string | null) => v === null || MISSING.has(v.toLowerCase());
		const reject = (field: string, reason: string): RowResult => ({ kind: 'rejected', rejection: { row, field, reason } });
		if (excluded) {
			const rule = excluded(get);
			if (rule >= 0) return { kind: 'excluded', row, rule };
		}

		let occurredAt: number | null = null;
		let month: string;
		if (dt?.parts) {
			const p = dt.parts;
			const [y, mo, d] = [text(p.year), text(p.month), text(p.day)];
			for (const [c, v] of [[p.year, y], [p.month, mo], [p.day, d]] as const) if (v === null) return reject(c, 'empty');
			const yy = Number(y);
			const mm = monthNumber(mo!);
			if (!Number.isInteger(yy) || yy < 1000 || yy > 9999) return reject(p.year, `"${y}" is not a year`);
			if (!(mm >= 1 && mm <= 12)) return reject(p.month, `"${mo}" is not a month (1–12 or a name)`);
			month = `${yy}-${String(mm).padStart(2, '0')}`;
			const h = p.hour ? text(p.hour) : null;
			// an empty hour is a time nobody knows: the record keeps its month, like police.uk's
			if (p.hour && !missing(h)) {
				const [hh, mi, ss] = [h, p.minute ? text(p.minute) ?? '0' : '0', p.second ? text(p.second) ?? '0' : '0'].map(Number);
				if (!(Number.isInteger(hh) && hh >= 0 && hh <= 23)) return reject(p.hour, `"${h}" is not an hour (0–23)`);
				if (!(Number.isInteger(mi) && mi >= 0 && mi <= 59)) return reject(p.minute!, `"${text(p.minute)}" is not a minute (0–59)`);
				if (!(Number.isInteger(ss) && ss >= 0 && ss <= 59)) return reject(p.second!, `"${text(p.second)}" is not a second (0–59)`);
				occurredAt = dates!.fromParts(yy, mm, Number(d), hh, mi, ss);
				if (occurredAt === null) return reject(p.day, `${yy}-${mm}-${d} is not a date`);
			} else if (!(Number(d) >= 1 && Number(d) <= new Date(Date.UTC(yy, mm, 0)).getUTCDate())) {
				return reject(p.day, `"${d}" is not a day of ${month}`);
			}
		} else if (dates) {
			const column = dt!.column!;
			const raw = text(column);
			if (!raw) return reject(column, 'empty date-time');
			occurredAt = dates.parse(raw);
			if (occurredAt === null) return reject(column, `"${raw}" is not a date-time like ${dt!.format ?? 'ISO 8601'}`);
			if (dates.lastConflict && conflicts++ === 0) firstConflict = `row ${row}, ${column} "${raw}"`;
			month = monthIn(occurredAt);
		} else {
			const raw = text(m.month) ?? '';
			const mm = MONTH.exec(raw);
			if (!mm) return reject(m.month!, `"${raw}" is not YYYY-MM`);
			month = `${mm[1]}-${mm[2]}`;
		}

		let lon: number;
		let lat: number;
		if (point) {
			const ll = projected && m.crs ? projected.toLonLat(point[0], point[1]) : point;
			if (typeof ll === 'string') return reject('geometry.coordinates', `${JSON.stringify(point)} is ${ll}`);
			[lon, lat] = ll;
		} else {
			const xc = m.lon ?? m.easting!;
			const yc = m.lat ?? m.northing!;
			const xs = text(xc);
			const ys = text(yc);
			if (missing(xs) && missing(ys)) return { kind: 'no-location', row };
			const x = num(xs ?? '');
			const y = num(ys ?? '');
			// 0,0 is what many systems write for "not geocoded" (the sea off Ghana; off the Scillies on the British grid)
			if (x === 0 && y === 0) return { kind: 'no-location', row };
			if (m.lon) {
				if (missing(xs) || !Number.isFinite(x) || x < -180 || x > 180) return reject(xc, `"${xs ?? ''}" is not a longitude`);
				if (missing(ys) || !Number.isFinite(y) || y < -90 || y > 90) return reject(yc, `"${ys ?? ''}" is not a latitude`);
				const ll = projected ? projected.toLonLat(x, y) : ([x, y] as [number, number]);
				if (typeof ll === 'string') return reject(`${xc}/${yc}`, `"${xs}, ${ys}" is ${ll}`);
				[lon, lat] = ll;
			} else {
				const field = `${xc}/${yc}`;
				if (missing(xs) || missing(ys) || !Number.isFinite(x) || !Number.isFinite(y)) return reject(field, `"${xs ?? ''}, ${ys ?? ''}" is not a pair of numbers`);
				const ll = projected!.toLonLat(x, y);
				if (typeof ll === 'string') {
					const hint = assumedBng ? '; the mapping names no "crs", so British National Grid was assumed: set "crs" (e.g. "EPSG:3435")' : '';
					return reject(field, `"${xs}, ${ys}" is ${ll}${hint}`);
				}
				[lon, lat] = ll;
			}
		}

		const offenceCode = text(m.offenceCode);
		const rawCategory = m.categoryValue ?? text(m.category) ?? offenceCode;
		if (!rawCategory) return reject(m.category ?? 'category', 'empty offence type');
		const category = m.categoryMap?.[rawCategory] ?? rawCategory;
		const persons = (m.persons ?? []).flatMap((p) => {
			const refs = (text(p.ref) ?? '').split(';').map((r) => r.trim()).filter(Boolean);
			// a name or date of birth belongs to a single reference; with several, only the references are kept
			return refs.map((ref) => ({ ref, role: p.role, name: refs.length === 1 ? text(p.name) : null, dob: refs.length === 1 ? text(p.dob) : null }));
		});
		const record: CrimeRecordInput = {
			source: m.source,
			sourceId: text(m.id),
			month,
			occurredAt,
			lon,
			lat,
			category,
			offenceCode,
			location: text(m.location),
			lsoaCode: null,
			lsoaName: null,
			outcome: text(m.outcome),
			context: null,
			...(persons.length ? { persons } : {})
		};
		return { kind: 'record', record };
	};

	return Object.assign(read, {
		warnings(): string[] {
			const out: string[] = [];
			if (assumedBng) out.push(`easting/northing were read as British National Grid (EPSG:27700) because the mapping names no "crs"; if they are not British grid references, set "crs" (e.g. "EPSG:2263")`);
			if (conflicts > 0) {
				out.push(
					`${conflicts} date-time${conflicts === 1 ? '' : 's'} carry an offset that disagrees with the mapping's zone ${tz} (first: ${firstConflict}); ` +
						`they were read as ${tz} wall-clock times — set "datetime": { …, "trustOffset": true } if the offsets are right`
				);
			}
			return out;
		}
	});
}
