// Reads any supported crime file as a stream of row results: data.police.uk street CSV,
// data.police.uk API JSON, GeoJSON points, or a force's CSV through a column mapping; gzip is
// unpacked on the fly. Memory stays constant whatever the file size. Structural problems (a
// header no format fits, broken JSON) throw ImportError; row problems become rejections.
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { CsvError, CsvReader } from './csv.ts';
import { geojsonReader } from './formats/geojson.ts';
import { mappedColumns, mappedReader, type ColumnMapping } from './formats/mapping.ts';
import { policeUkCsv } from './formats/police-uk-csv.ts';
import { policeUkJsonRecord } from './formats/police-uk-json.ts';
import { JsonElements, JsonShapeError } from './json-elements.ts';
import type { RowResult } from './types.ts';

export class ImportError extends Error {}

export interface ReadOptions {
	mapping?: ColumnMapping | null;
	/** zone for date-times without one (mapping.datetime.tz wins) */
	tz?: string;
	onProgress?: (bytes: number, total: number) => void;
}

export type Format = 'police.uk street CSV' | 'police.uk API JSON' | 'GeoJSON points' | 'mapped CSV';

/** Streams `path` through `onRow`; resolves with the format found. */
export async function readRecords(path: string, opts: ReadOptions, onRow: (r: RowResult) => void): Promise<Format> {
	const total = statSync(path).size;
	const gz = path.endsWith('.gz');
	const stream = gz ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
	let bytes = 0;
	const decoder = new StringDecoder('utf8');
	// set once the first bytes tell CSV from JSON
	const io: { sink: ((text: string) => void) | null; finish: (() => void) | null } = { sink: null, finish: null };
	let format: Format | null = null;

	const startFor = (first: string) => {
		const c = first.trimStart()[0];
		if (c === '[' || c === '{') {
			let reader: ((el: unknown, row: number) => RowResult) | null = null;
			const json = new JsonElements((text, i) => {
				let el: unknown;
				try {
					el = JSON.parse(text);
				} catch {
					onRow({ kind: 'rejected', rejection: { row: i + 1, field: '*', reason: 'not valid JSON' } });
					return;
				}
				if (!reader) {
					const isFeature = (el as { type?: unknown })?.type === 'Feature';
					format = isFeature ? 'GeoJSON points' : 'police.uk API JSON';
					reader = isFeature ? geojsonReader(opts.mapping ?? null, opts.tz ?? 'Europe/London') : policeUkJsonRecord;
				}
				onRow(reader(el, i + 1));
			});
			io.sink = (t) => json.push(t);
			io.finish = () => {
				json.end();
				format ??= c === '[' ? 'police.uk API JSON' : 'GeoJSON points';
			};
			return;
		}
		let mapper: ((f: string[], row: number) => RowResult) | null = null;
		let width = 0;
		const csv = new CsvReader((fields, line) => {
			if (!mapper) {
				const header = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
				width = header.length;
				if (opts.mapping) {
					if (!opts.mapping.lon && !opts.mapping.easting) throw new ImportError('the mapping names no place columns: give "lon" and "lat" or "easting" and "northing"');
					const missing = mappedColumns(opts.mapping).filter((col) => !header.includes(col));
					if (missing.length) throw new ImportError(`line ${line}: the mapping names columns the file lacks: ${missing.join(', ')}`);
					const read = mappedReader(opts.mapping, opts.tz ?? 'Europe/London');
					const at = new Map(header.map((h, i) => [h, i]));
					format = 'mapped CSV';
					mapper = (f, row) =>
						f.length !== width
							? { kind: 'rejected', rejection: { row, field: '*', reason: `expected ${width} fields, found ${f.length}` } }
							: read((col) => f[at.get(col)!], row);
				} else if (policeUkCsv.matches(header)) {
					format = 'police.uk street CSV';
					mapper = policeUkCsv.mapper(header);
				} else {
					throw new ImportError(
						`line ${line}: this is not a data.police.uk street CSV (header ${header.slice(0, 4).join(', ')}…); give a column mapping (--mapping)`
					);
				}
				return;
			}
			onRow(mapper(fields, line));
		});
		io.sink = (t) => csv.push(t);
		io.finish = () => {
			csv.end();
			if (!mapper) throw new ImportError('the file has no header row');
		};
	};

	try {
		for await (const chunk of stream) {
			const buf = chunk as Buffer;
			bytes += gz ? 0 : buf.length;
			const text = decoder.write(buf);
			if (!io.sink) {
				if (text.trim() === '') continue;
				startFor(text);
			}
			io.sink!(text);
			opts.onProgress?.(gz ? Math.min(total, (stream as unknown as { bytesWritten?: number }).bytesWritten ?? 0) : bytes, total);
		}
		const rest = decoder.end();
		if (!io.sink) throw new ImportError('the file is empty');
		if (rest) io.sink(rest);
		io.finish!();
	} catch (e) {
		if (e instanceof CsvError || e instanceof JsonShapeError) throw new ImportError(e.message);
		if (e instanceof Error && /incorrect header check|unexpected end of file/.test(e.message)) throw new ImportError(`not a valid gzip file: ${e.message}`);
		throw e;
	}
	return format!;
}
