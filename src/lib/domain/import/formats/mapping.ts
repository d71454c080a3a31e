// A force's or a city's own export, read through a saved column mapping: which column holds the
// id, the date-time (one column with its layout, or separate year/month/day/hour/minute columns,
// and its zone), the place (lon/lat, or x/y in a named coordinate system), the offence (a type, a
// code, or a constant) with an optional map to police.uk categories, rows to leave out, and how
// the file is written (delimiter, encoding). The reader is in mapped-reader.ts.
import { findCrs, CRS_FAMILIES } from '../crs.ts';
import { DELIMITERS } from '../delimiter.ts';
import { parseExclusions, type Exclusion } from '../exclusions.ts';
import { DateTime } from 'luxon';

export interface DateParts {
	year: string;
	month: string;
	day: string;
	hour?: string;
	minute?: string;
	second?: string;
}

export interface ColumnMapping {
	name?: string;
	/** records' source, e.g. "tvp-niche"; records with an id are upserted by (source, id) */
	source: string;
	id?: string;
	/**
	 * when: one column read with `format`, or `parts` in separate columns; `tz` is the records'
	 * zone. An offset written in the text ("…Z", "+01:00") is ignored in favour of `tz` (and
	 * counted when it disagrees) unless `trustOffset` is true.
	 */
	datetime?: { column?: string; parts?: DateParts; format?: string; tz?: string; trustOffset?: boolean };
	/** YYYY-MM, when the export has no date-time */
	month?: string;
	lon?: string;
	lat?: string;
	easting?: string;
	northing?: string;
	/** the coordinate system of easting/northing, e.g. "EPSG:2263"; British National Grid when absent */
	crs?: string;
	/** the field separator; detected from the header when absent */
	delimiter?: string;
	/** a WHATWG encoding label (utf-8, windows-1252, utf-16le…); detected when absent */
	encoding?: string;
	/** rows left out (counted, not rejected), e.g. placeholder places */
	exclude?: Exclusion[];
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
/** zones where British National Grid is a likely default for easting/northing */
const BRITISH_ZONES = ['Europe/London', 'Europe/Belfast', 'Europe/Guernsey', 'Europe/Jersey', 'Europe/Isle_of_Man', 'UTC', 'Etc/UTC', 'GMT', 'Etc/GMT'];

export class MappingError extends Error {}

function str(m: Record<string, unknown>, key: string, where: string): string | undefined {
	const v = m[key];
	if (v === undefined) return undefined;
	if (typeof v !== 'string' || v === '') throw new MappingError(`${where}.${key}: must be a column name (a non-empty string)`);
	return v;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function parseDatetime(d: unknown, where: string): ColumnMapping['datetime'] {
	const at = `${where}.datetime`;
	if (!isObject(d)) throw new MappingError(`${at}: must be { column, format?, tz? } or { parts: { year, month, day, hour?, minute? }, tz? }`);
	const column = str(d, 'column', at);
	let parts: DateParts | undefined;
	if (d.parts !== undefined) {
		if (!isObject(d.parts)) throw new MappingError(`${at}.parts: must be { year, month, day, hour?, minute?, second? } naming columns`);
		const p = d.parts;
		const known = ['year', 'month', 'day', 'hour', 'minute', 'second'];
		const odd = Object.keys(p).filter((k) => !known.includes(k));
		if (odd.length) throw new MappingError(`${at}.parts.${odd[0]}: not a part of a date (${known.join(', ')})`);
		const need = (k: 'year' | 'month' | 'day') => {
			const v = str(p, k, `${at}.parts`);
			if (!v) throw new MappingError(`${at}.parts.${k}: required, the column with the ${k}`);
			return v;
		};
		parts = { year: need('year'), month: need('month'), day: need('day'), hour: str(p, 'hour', `${at}.parts`), minute: str(p, 'minute', `${at}.parts`), second: str(p, 'second', `${at}.parts`) };
		if (!parts.hour && (parts.minute || parts.second)) throw new MappingError(`${at}.parts.hour: required when minute or second is given`);
	}
	if (!column && !parts) throw new MappingError(`${at}.column: required (or "parts" with year, month and day columns)`);
	if (column && parts) throw new MappingError(`${at}: give "column" or "parts", not both`);
	const tz = str(d, 'tz', at);
	if (tz && !DateTime.local().setZone(tz).isValid) throw new MappingError(`${at}.tz: unknown time zone "${tz}"`);
	if (d.trustOffset !== undefined && typeof d.trustOffset !== 'boolean') throw new MappingError(`${at}.trustOffset: true or false`);
	return { column, parts, format: str(d, 'format', at), tz, trustOffset: d.trustOffset as boolean | undefined };
}

/** Validates a parsed mapping JSON, naming the field at fault. */
export function parseMapping(raw: unknown, where = 'mapping'): ColumnMapping {
	if (!isObject(raw)) throw new MappingError(`${where}: must be a JSON object`);
	const m = raw;
	const source = str(m, 'source', where);
	if (!source) throw new MappingError(`${where}.source: required, e.g. "force-records"`);
	const out: ColumnMapping = {
		name: typeof m.name === 'string' ? m.name : undefined,
		source,
		id: str(m, 'id', where),
		datetime: m.datetime !== undefined ? parseDatetime(m.datetime, where) : undefined,
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
	if (m.crs !== undefined) {
		if (typeof m.crs !== 'string' || !findCrs(m.crs)) {
			throw new MappingError(`${where}.crs: ${JSON.stringify(m.crs)} is not a supported coordinate system; give "EPSG:<code>", one of ${CRS_FAMILIES}`);
		}
		out.crs = m.crs.trim().toUpperCase().startsWith('EPSG:') ? m.crs.trim().toUpperCase() : `EPSG:${m.crs.trim()}`;
	}
	if (m.delimiter !== undefined) {
		const d = m.delimiter === 'tab' ? '\t' : m.delimiter;
		if (typeof d !== 'string' || !DELIMITERS.includes(d)) throw new MappingError(`${where}.delimiter: one of "," ";" "|" or "tab", got ${JSON.stringify(m.delimiter)}`);
		out.delimiter = d;
	}
	if (m.encoding !== undefined) {
		try {
			if (typeof m.encoding !== 'string') throw new RangeError();
			out.encoding = new TextDecoder(m.encoding).encoding;
		} catch {
			throw new MappingError(`${where}.encoding: ${JSON.stringify(m.encoding)} is not an encoding (e.g. "utf-8", "windows-1252", "utf-16le")`);
		}
	}
	if (m.exclude !== undefined) out.exclude = parseExclusions(m.exclude, `${where}.exclude`, MappingError);
	if (m.categoryMap !== undefined) {
		const cm = m.categoryMap;
		if (!isObject(cm) || Object.values(cm).some((v) => typeof v !== 'string')) {
			throw new MappingError(`${where}.categoryMap: must map offence names to category names`);
		}
		out.categoryMap = cm as Record<string, string>;
	}
	if (m.persons !== undefined) {
		if (!Array.isArray(m.persons)) throw new MappingError(`${where}.persons: a list of { role, ref, name?, dob? }`);
		out.persons = m.persons.map((p, i) => {
			const g = (isObject(p) ? p : {}) as Record<string, unknown>;
			const at = `${where}.persons[${i}]`;
			if (!ROLES.includes(g.role as PersonRole)) throw new MappingError(`${at}.role: one of ${ROLES.join(', ')}`);
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
	if (ll && out.crs && !findCrs(out.crs)!.geographic) {
		throw new MappingError(`${where}.crs: ${out.crs} is a projected system: name its columns "easting" and "northing", not "lon" and "lat"`);
	}
	// a mapping for another country that forgot "crs" would put its places on the British grid
	const tz = out.datetime?.tz;
	if (en && !out.crs && tz && !BRITISH_ZONES.includes(tz)) {
		throw new MappingError(`${where}.crs: required with "easting"/"northing" when the records are not British (datetime.tz is ${tz}); e.g. "EPSG:2263" for New York Long Island in US feet`);
	}
	if (!out.category && !out.categoryValue && !out.offenceCode) {
		throw new MappingError(`${where}: needs "category" (a column), "categoryValue" (a constant) or "offenceCode"`);
	}
	return out;
}

/** The columns a mapping reads, to check against a file's header before reading rows. */
export function mappedColumns(m: ColumnMapping): string[] {
	const p = m.datetime?.parts;
	return [
		m.id,
		m.datetime?.column,
		p?.year,
		p?.month,
		p?.day,
		p?.hour,
		p?.minute,
		p?.second,
		m.month,
		m.lon,
		m.lat,
		m.easting,
		m.northing,
		m.category,
		m.offenceCode,
		m.location,
		m.outcome,
		...(m.exclude ?? []).map((x) => x.column),
		...(m.persons ?? []).flatMap((p) => [p.ref, p.name, p.dob])
	].filter((c): c is string => c !== undefined);
}
