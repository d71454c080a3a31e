// GeoJSON points: a FeatureCollection of Point features whose properties describe the crime,
// either through a column mapping (property names) or by the usual names.
import { findCrs } from '../crs.ts';
import type { RowResult } from '../types.ts';
import { mappedReader, type MappedReader } from './mapped-reader.ts';
import type { ColumnMapping } from './mapping.ts';

const BY_MONTH: ColumnMapping = { source: 'geojson', id: 'id', month: 'month', category: 'category', location: 'location' };
const BY_TIME: ColumnMapping = { ...BY_MONTH, month: undefined, datetime: { column: 'datetime', format: 'iso' } };

export function geojsonReader(mapping: ColumnMapping | null, tz: string): { read: (el: unknown, row: number) => RowResult; warnings: () => string[] } {
	const place = { lon: undefined, lat: undefined, easting: undefined, northing: undefined };
	let read: MappedReader | null = mapping ? mappedReader({ ...mapping, ...place }, tz) : null;
	// RFC 7946 says WGS 84, but exports from GIS desks often keep their projected grid: the mapping's "crs" says so
	const projected = !!mapping?.crs && !findCrs(mapping.crs)!.geographic;
	const readFeature = (el: unknown, row: number): RowResult => {
		const f = el as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: Record<string, unknown> | null; id?: unknown };
		if (!f || typeof f !== 'object' || f.type !== 'Feature') return { kind: 'rejected', rejection: { row, field: 'type', reason: 'not a GeoJSON Feature' } };
		if (!f.geometry) return { kind: 'no-location', row };
		if (f.geometry.type !== 'Point') return { kind: 'rejected', rejection: { row, field: 'geometry.type', reason: `expected Point, got ${JSON.stringify(f.geometry.type)}` } };
		const c = f.geometry.coordinates;
		if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number' || (!projected && (Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90))) {
			return { kind: 'rejected', rejection: { row, field: 'geometry.coordinates', reason: `${JSON.stringify(c)?.slice(0, 60)} is not [lon, lat]` } };
		}
		const props = f.properties ?? {};
		// without a mapping, the first feature decides: exact times in "datetime", else "month"
		read ??= mappedReader(props.datetime !== undefined ? BY_TIME : BY_MONTH, tz);
		const get = (k: string) => {
			const v = k === 'id' && props.id === undefined ? f.id : props[k];
			return v === undefined || v === null ? undefined : String(v);
		};
		return read(get, row, [c[0], c[1]]);
	};
	return { read: readFeature, warnings: () => read?.warnings() ?? [] };
}
