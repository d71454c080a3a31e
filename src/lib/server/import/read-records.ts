// Reads any supported crime file as a stream of row results: data.police.uk street CSV,
// data.police.uk API JSON, GeoJSON points, or a force's CSV through a column mapping; gzip is
// unpacked on the fly. Memory stays constant whatever the file size. The encoding is decided by a
// first pass over the bytes (encoding.ts), the CSV delimiter from the header line unless the
// mapping names it. Structural problems (a header no format fits, broken JSON, bytes that are not
// the declared encoding) throw ImportError; row problems become rejections.
import { createReadStream, statSync } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { delimiterName, sniffDelimiter } from '../../domain/import/delimiter.ts';
import { CsvError, CsvReader } from '../../domain/import/csv.ts';
import { chooseEncoding, EncodingError } from './encoding.ts';
import { geojsonReader } from '../../domain/import/formats/geojson.ts';
import { mappedReader } from '../../domain/import/formats/mapped-reader.ts';
import { mappedColumns, type ColumnMapping } from '../../domain/import/formats/mapping.ts';
import { policeUkCsv } from '../../domain/import/formats/police-uk-csv.ts';
import { policeUkJsonRecord } from '../../domain/import/formats/police-uk-json.ts';
import { JsonElements, JsonShapeError } from '../../domain/import/json-elements.ts';
import type { RowResult } from '../../domain/import/types.ts';

export class ImportError extends Error {}

export interface ReadOptions {
	mapping?: ColumnMapping | null;
	/** zone for date-times without one (mapping.datetime.tz wins) */
	tz?: string;
	onProgress?: (bytes: number, total: number) => void;
}

export type Format = 'police.uk street CSV' | 'police.uk API JSON' | 'GeoJSON points' | 'mapped CSV';

export interface ReadSummary {
	format: Format;
	encoding: string;
	/** the CSV field separator, null for JSON */
	delimiter: string | null;
	/** file-level notices for the analyst: encoding fallback, an assumed coordinate system, zone conflicts */
	warnings: string[];
}

function opener(path: string): () => Readable {
	return () => {
		const file = createReadStream(path);
		if (!path.endsWith('.gz')) return file;
		const gunzip = createGunzip();
		// pipeline closes the file when the reader stops early or gzip fails
		pipeline(file, gunzip, () => {});
		return gunzip;
	};
}

/** Streams `path` through `onRow`; resolves with what was found. */
export async function readRecords(path: string, opts: ReadOptions, onRow: (r: RowResult) => void): Promise<ReadSummary> {
	const total = statSync(path).size;
	const gz = path.endsWith('.gz');
	const open = opener(path);
	const warnings: string[] = [];
	let encoding: string;
	try {
		const choice = await chooseEncoding(open, opts.mapping?.encoding);
		encoding = choice.encoding;
		if (choice.note) warnings.push(choice.note);
	} catch (e) {
		if (e instanceof EncodingError) throw new ImportError(e.message);
		throw gzipProblem(e);
	}
	const stream = open();
	let bytes = 0;
	const decoder = new TextDecoder(encoding);
	// set once the first text tells CSV from JSON
	const io: { sink: ((text: string) => void) | null; finish: (() => void) | null } = { sink: null, finish: null };
	let format: Format | null = null;
	let delimiter: string | null = null;
	let readerWarnings: () => string[] = () => [];

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
					if (isFeature) {
						const g = geojsonReader(opts.mapping ?? null, opts.tz ?? 'Europe/London');
						reader = g.read;
						readerWarnings = g.warnings;
					} else reader = policeUkJsonRecord;
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
		delimiter = opts.mapping?.delimiter ?? sniffDelimiter(first.replace(/^\uFEFF/, ''));
		const told = !!opts.mapping?.delimiter;
		let mapper: ((f: string[], row: number) => RowResult) | null = null;
		let width = 0;
		const csv = new CsvReader(
			(fields, line) => {
				if (!mapper) {
					const header = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
					width = header.length;
					const seen = `the header, read as ${delimiterName(delimiter!)}-separated${told ? ' (the mapping\'s "delimiter")' : ''}, has ${header.length} column${header.length === 1 ? '' : 's'}: ${header.slice(0, 8).join(', ').slice(0, 200)}${header.length > 8 ? '…' : ''}`;
					if (opts.mapping) {
						if (!opts.mapping.lon && !opts.mapping.easting) throw new ImportError('the mapping names no place columns: give "lon" and "lat" or "easting" and "northing"');
						const missing = mappedColumns(opts.mapping).filter((col) => !header.includes(col));
						if (missing.length) throw new ImportError(`line ${line}: the mapping names columns the file lacks: ${missing.join(', ')} (${seen})`);
						const read = mappedReader(opts.mapping, opts.tz ?? 'Europe/London');
						readerWarnings = read.warnings;
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
						throw new ImportError(`line ${line}: this is not a data.police.uk street CSV (${seen}); give a column mapping (--mapping)`);
					}
					return;
				}
				onRow(mapper(fields, line));
			},
			{ delimiter }
		);
		io.sink = (t) => csv.push(t);
		io.finish = () => {
			csv.end();
			if (!mapper) throw new ImportError('the file has no header row');
		};
	};

	try {
		for await (const chunk of stream) {
			const buf = chunk as Buffer;
			bytes += buf.length;
			const text = decoder.decode(buf, { stream: true });
			if (!io.sink) {
				if (text.trim() === '') continue;
				startFor(text);
			}
			io.sink!(text);
			// gzip: progress in unpacked bytes against the packed size would pass 100 %; say how far through the packed file
			opts.onProgress?.(gz ? Math.min(total, (stream as unknown as { bytesWritten?: number }).bytesWritten ?? 0) : bytes, total);
		}
		const rest = decoder.decode();
		if (!io.sink) {
			if (rest.trim() === '') throw new ImportError('the file is empty');
			startFor(rest);
		}
		if (rest) io.sink!(rest);
		io.finish!();
	} catch (e) {
		if (e instanceof CsvError || e instanceof JsonShapeError) throw new ImportError(e.message);
		throw gzipProblem(e);
	}
	return { format: format!, encoding, delimiter, warnings: [...warnings, ...readerWarnings()] };
}

function gzipProblem(e: unknown): unknown {
	if (e instanceof Error && /incorrect header check|unexpected end of file|invalid (stored )?block|invalid distance/.test(e.message)) return new ImportError(`not a valid gzip file: ${e.message}`);
	return e;
}
