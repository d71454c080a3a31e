// The two inputs of the `presence` CLI (docs/presence.md, Batch and live engines), parsed from text with errors that name the
// file, the row or feature, and the field. Row numbers count the header as row 1, as a
// spreadsheet shows them.
import type { Hotspot, OfficerFix } from './types.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const FIXES_HEADER = ['officer', 't', 'lat', 'lon', 'accuracy', 'speed'] as const;
type Column = (typeof FIXES_HEADER)[number];
// an offset is required: a time without one is ambiguous across zones and DST
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function splitCsv(line: string): string[] {
	if (!line.includes('"')) return line.split(',');
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted && c === '"' && line[i + 1] === '"') {
			cur += '"';
			i++;
		} else if (c === '"') quoted = !quoted;
		else if (c === ',' && !quoted) {
			out.push(cur);
			cur = '';
		} else cur += c;
	}
	out.push(cur);
	return out;
}

/** Fixes CSV: header `officer,t,lat,lon,accuracy,speed` (any order); t epoch ms or ISO 8601 with offset. */
export function parseFixesCsv(text: string, file: string): Parsed<OfficerFix[]> {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const header = splitCsv(lines[0] ?? '').map((h) => h.trim().toLowerCase());
	const col = Object.fromEntries(FIXES_HEADER.map((name) => [name, header.indexOf(name)])) as Record<Column, number>;
	const missing = FIXES_HEADER.filter((name) => col[name] < 0);
	if (missing.length > 0) return { ok: false, error: `${file}: row 1 (header): missing ${missing.join(', ')}; expected "${FIXES_HEADER.join(',')}"` };
	const fixes: OfficerFix[] = [];
	for (let i = 1; i < lines.length; i++) {
		if (lines[i].trim() === '') continue;
		const cells = splitCsv(lines[i]).map((c) => c.trim());
		const bad = (field: Column, want: string) => ({ ok: false as const, error: `${file}: row ${i + 1}, ${field}: ${want}, got "${cells[col[field]] ?? ''}"` });
		const officer = cells[col.officer] ?? '';
		if (officer === '') return bad('officer', 'must not be empty');
		const rawT = cells[col.t] ?? '';
		const t = /^\d+$/.test(rawT) ? Number(rawT) : ISO_WITH_OFFSET.test(rawT) ? Date.parse(rawT) : NaN;
		if (!Number.isFinite(t)) return bad('t', 'must be epoch milliseconds or ISO 8601 with an offset (…Z or …+01:00)');
		const lat = Number(cells[col.lat]);
		if (cells[col.lat] === '' || !(lat >= -90 && lat <= 90)) return bad('lat', 'must be a number from -90 to 90');
		const lon = Number(cells[col.lon]);
		if (cells[col.lon] === '' || !(lon >= -180 && lon <= 180)) return bad('lon', 'must be a number from -180 to 180');
		const accuracy = Number(cells[col.accuracy]);
		if (cells[col.accuracy] === '' || !(accuracy >= 0)) return bad('accuracy', 'must be metres ≥ 0');
		const rawSpeed = cells[col.speed] ?? '';
		const speed = rawSpeed === '' ? null : Number(rawSpeed);
		if (speed !== null && !(speed >= 0)) return bad('speed', 'must be m/s ≥ 0 or empty');
		// the CSV has no fix ids; the row number serves, zero-padded so equal times keep file order
		fixes.push({ officer, id: `row-${String(i + 1).padStart(9, '0')}`, t, lat, lon, accuracy, speed, heading: null });
	}
	return { ok: true, value: fixes };
}

function isPosition(p: unknown): p is [number, number] {
	return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
}

/** Hot spot GeoJSON: a FeatureCollection of Polygon features with a string `properties.id`. */
export function parseHotspots(json: unknown, file: string): Parsed<Hotspot[]> {
	const fc = json as { type?: unknown; features?: unknown };
	if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
		return { ok: false, error: `${file}: must be a GeoJSON FeatureCollection with a "features" array` };
	}
	const out: Hotspot[] = [];
	const ids = new Set<string>();
	for (const [i, raw] of (fc.features as unknown[]).entries()) {
		const f = raw as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: { id?: unknown } };
		const where = `${file}: feature ${i + 1}`;
		const id = f?.properties?.id;
		if (typeof id !== 'string' || id === '') return { ok: false, error: `${where}, properties.id: must be a non-empty string, got ${JSON.stringify(id)}` };
		if (ids.has(id)) return { ok: false, error: `${where}, properties.id: "${id}" is used by an earlier feature` };
		ids.add(id);
		if (f.geometry?.type !== 'Polygon') return { ok: false, error: `${where} ("${id}"), geometry: must be a Polygon, got ${JSON.stringify(f.geometry?.type ?? null)}` };
		const rings = f.geometry.coordinates;
		if (!Array.isArray(rings) || rings.length === 0 || !rings.every((r) => Array.isArray(r) && r.length >= 4 && r.every(isPosition))) {
			return { ok: false, error: `${where} ("${id}"), geometry.coordinates: must be rings of at least 4 [lon, lat] positions` };
		}
		out.push({ id, polygon: rings as [number, number][][] });
	}
	return { ok: true, value: out };
}
