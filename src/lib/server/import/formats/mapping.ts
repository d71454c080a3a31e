// A force's own export, read through a saved column mapping: which column holds the id, the
// date-time (with its layout and zone), the place (lon/lat or British National Grid), and the
// offence (a type, a code, or a constant), with an optional map from the force's offence names to
// police.uk categories so harm weights and filters apply.
import { bngToLonLat } from '../../../domain/geo/bng.ts';
import { localMonthIn } from '../../../domain/import/local-month.ts';
import { DateParser } from '../datetime.ts';
import type { CrimeRecordInput, RowResult } from '../types.ts';

export interface ColumnMapping {
	name?: string;
	/** records' source, e.g. "tvp-niche"; records with an id are upserted by (source, id) */
	source: string;
	id?: string;
	datetime?: { column: string; format?: string; tz?: string };
	/** YYYY-MM, when the export has no date-time */
	month?: string;
	lon?: string;
	lat?: string;
	easting?: string;
	northing?: string;
	category?: string;
	categoryValue?: string;
	categoryMap?: Record<string, string>;
	offenceCode?: string;
	location?: string;
	outcome?: string;
	/**
	 * People involved, from a force's own records only: per role, the columns holding their
	 * reference (several separated by ";"), and optionally name and date of birth.
	 */
	persons?: { role: PersonRole; ref: string; name?: string; dob?: string }[];
}

export type PersonRole = 'suspect' | 'offender' | 'victim' | 'witness';
const ROLES: PersonRole[] = ['suspect', 'offender', 'victim', 'witness'];

export class MappingError extends Error {}

function str(m: Record<string, unknown>, key: string, where: string): string | undefined {
	const v = m[key];
	if (v === undefined) return undefined;
	if (typeof v !== 'string' || v === '') throw new MappingError(`${where}.${key}: must be a column name (a non-empty string)`);
	return v;
}

/** Validates a parsed mapping JSON, naming the field at fault. */
export function parseMapping(raw: unknown, where = 'mapping'): ColumnMapping {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new MappingError(`${where}: must be a JSON object`);
	const m = raw as Record<string, unknown>;
	const source = str(m, 'source', where);
	if (!source) throw new MappingError(`${where}.source: required, e.g. "force-records"`);
	let datetime: ColumnMapping['datetime'];
	if (m.datetime !== undefined) {
		const d = m.datetime as Record<string, unknown>;
		if (!d || typeof d !== 'object') throw new MappingError(`${where}.datetime: must be { column, format?, tz? }`);
		const column = str(d, 'column', `${where}.datetime`);
		if (!column) throw new MappingError(`${where}.datetime.column: required`);
		datetime = { column, format: str(d, 'format', `${where}.datetime`), tz: str(d, 'tz', `${where}.datetime`) };
	}
	const out: ColumnMapping = {
		name: typeof m.name === 'string' ? m.name : undefined,
		source,
		id: str(m, 'id', where),
		datetime,
		month: str(m, 'month', where),
		lon: str(m, 'lon', where),
		lat: str(m, 'lat', where),
		easting: str(m, 'easting', where),
		northing: str(m, 'northing', where),
		category: str(m, 'category', where),
		categoryValue: str(m, 'categoryValue', where),
		offenceCode: str(m, 'offenceCode', where),
		location: str(m, 'location', where),
		outcome: str(m, 'outcome', where)
	};
	if (m.categoryMap !== undefined) {
		const cm = m.categoryMap as Record<string, unknown>;
		if (!cm || typeof cm !== 'object' || Object.values(cm).some((v) => typeof v !== 'string')) {
			throw new MappingError(`${where}.categoryMap: must map offence names to category names`);
		}
		out.categoryMap = cm as Record<string, string>;
	}
	if (m.persons !== undefined) {
		if (!Array.isArray(m.persons)) throw new MappingError(`${where}.persons: a list of { role, ref, name?, dob? }`);
		out.persons = m.persons.map((p, i) => {
			const g = p as Record<string, unknown>;
			const at = `${where}.persons[${i}]`;
			if (!ROLES.includes(g?.role as PersonRole)) throw new MappingError(`${at}.role: one of ${ROLES.join(', ')}`);
			const ref = str(g, 'ref', at);
			if (!ref) throw new MappingError(`${at}.ref: the column with the person's reference`);
			return { role: g.role as PersonRole, ref, name: str(g, 'name', at), dob: str(g, 'dob', at) };
		});
		// people are linked to records by the record's id; without one a re-import could not replace the links
		if (out.persons.length && !out.id) throw new MappingError(`${where}.persons: needs "id", the column with each record's reference`);
	}
	if (!out.datetime && !out.month) throw new MappingError(`${where}: needs "datetime" { column, format, tz } or "month"`);
	const ll = out.lon !== undefined || out.lat !== undefined;
	const en = out.easting !== undefined || out.northing !== undefined;
	// GeoJSON carries its own points; a CSV mapping must name its place columns (checked on read)
	if ((ll && en) || (ll && (!out.lon || !out.lat)) || (en && (!out.easting || !out.northing))) {
		throw new MappingError(`${where}: give either "lon" and "lat" or "easting" and "northing" columns`);
	}
	if (!out.category && !out.categoryValue && !out.offenceCode) {
		throw new MappingError(`${where}: needs "category" (a column), "categoryValue" (a constant) or "offenceCode"`);
	}
	return out;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])/;

/** The columns a mapping reads, to check against a file's header before reading rows. */
export function mappedColumns(m: ColumnMapping): string[] {
	return [
		m.id,
		m.datetime?.column,
		m.month,
		m.lon,
		m.lat,
		m.easting,
		m.northing,
		m.category,
		m.offenceCode,
		m.location,
		m.outcome,
		...(m.persons ?? []).flatMap((p) => [p.ref, p.name, p.dob])
	].filter(
		(c): c is string => c !== undefined
	);
}

/** Builds a row reader over a getter of named fields (CSV columns or GeoJSON properties). */
export function mappedReader(m: ColumnMapping, defaultTz: string) {
	const dates = m.datetime ? new DateParser(m.datetime.format ?? 'iso', m.datetime.tz ?? defaultTz) : null;
	const tz = m.datetime?.tz ?? defaultTz;
	const monthIn = localMonthIn(tz);
	return (get: (column: string) => string | undefined, row: number, point?: [number, number]): RowResult => {
		const text = (c: string | undefined) => {
			if (!c) return null;
			const v = get(c)?.trim();
			return v ? v : null;
		};
		let occurredAt: number | null = null;
		let month: string;
		if (dates) {
			const raw = text(m.datetime!.column);
			if (!raw) return { kind: 'rejected', rejection: { row, field: m.datetime!.column, reason: 'empty date-time' } };
			occurredAt = dates.parse(raw);
			if (occurredAt === null) {
				return { kind: 'rejected', rejection: { row, field: m.datetime!.column, reason: `"${raw}" is not a date-time like ${m.datetime!.format ?? 'ISO 8601'}` } };
			}
			month = monthIn(occurredAt);
		} else {
			const raw = text(m.month) ?? '';
			const mm = MONTH.exec(raw);
			if (!mm) return { kind: 'rejected', rejection: { row, field: m.month!, reason: `"${raw}" is not YYYY-MM` } };
			month = `${mm[1]}-${mm[2]}`;
		}
		let lon: number;
		let lat: number;
		if (point) [lon, lat] = point;
		else if (m.lon) {
			const lo = text(m.lon);
			const la = text(m.lat);
			if (lo === null && la === null) return { kind: 'no-location', row };
			lon = Number(lo);
			lat = Number(la);
			if (lo === null || !Number.isFinite(lon) || lon < -180 || lon > 180) return { kind: 'rejected', rejection: { row, field: m.lon, reason: `"${lo ?? ''}" is not a longitude` } };
			if (la === null || !Number.isFinite(lat) || lat < -90 || lat > 90) return { kind: 'rejected', rejection: { row, field: m.lat!, reason: `"${la ?? ''}" is not a latitude` } };
		} else {
			const e = text(m.easting);
			const n = text(m.northing);
			if (e === null && n === null) return { kind: 'no-location', row };
			const ll = bngToLonLat(Number(e), Number(n));
			if (!ll) return { kind: 'rejected', rejection: { row, field: `${m.easting}/${m.northing}`, reason: `"${e ?? ''}, ${n ?? ''}" is not a British National Grid reference in metres` } };
			[lon, lat] = ll;
		}
		const offenceCode = text(m.offenceCode);
		const rawCategory = m.categoryValue ?? text(m.category) ?? offenceCode;
		if (!rawCategory) return { kind: 'rejected', rejection: { row, field: m.category ?? 'category', reason: 'empty offence type' } };
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
}
