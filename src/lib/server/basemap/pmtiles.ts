// PMTiles v3 (a Protomaps extract) through the `pmtiles` package, with a Source that reads byte
// ranges from the local file: the package's own sources are for browsers (File, fetch).
import { open, type FileHandle } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync, zstdDecompressSync } from 'node:zlib';
import { Compression, PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import { ArchiveError, layerIds, parseBounds, type TileArchive } from './archive.ts';

class LocalFileSource implements Source {
	private readonly file: FileHandle;
	private readonly key: string;
	constructor(file: FileHandle, key: string) {
		this.file = file;
		this.key = key;
	}
	getKey() {
		return this.key;
	}
	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		const buf = Buffer.alloc(length);
		const { bytesRead } = await this.file.read(buf, 0, length, offset);
		if (bytesRead !== length) throw new ArchiveError(`the PMTiles file ends early (wanted ${length} bytes at ${offset}, got ${bytesRead})`);
		return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + length) as ArrayBuffer };
	}
}

/** Node's zlib for every compression PMTiles allows (the package defaults to the browser's DecompressionStream, gzip only). */
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
	const b = Buffer.from(buf);
	const out =
		compression === Compression.None || compression === Compression.Unknown
			? b
			: compression === Compression.Gzip
				? gunzipSync(b)
				: compression === Compression.Brotli
					? brotliDecompressSync(b)
					: compression === Compression.Zstd
						? zstdDecompressSync(b)
						: null;
	if (!out) throw new ArchiveError(`the PMTiles file uses an unknown compression (${compression})`);
	return out.buffer.slice(out.byteOffset, out.byteOffset + out.length) as ArrayBuffer;
}

export async function openPmtiles(path: string, version: string): Promise<TileArchive> {
	let file: FileHandle;
	try {
		file = await open(path, 'r');
	} catch (e) {
		throw new ArchiveError(`cannot open the PMTiles file (${(e as Error).message})`);
	}
	try {
		const pm = new PMTiles(new LocalFileSource(file, `${path}#${version}`), undefined, decompress);
		const h = await pm.getHeader();
		if (h.specVersion < 3) throw new ArchiveError(`the PMTiles file is version ${h.specVersion}; convert it with \`pmtiles convert\` to version 3`);
		if (h.tileType !== TileType.Mvt) throw new ArchiveError(`the PMTiles file holds tile type ${TileType[h.tileType] ?? h.tileType}; only vector tiles (MVT) can be drawn with a style`);
		const meta = await pm.getMetadata();
		const m = (meta ?? {}) as { name?: unknown; attribution?: unknown };
		return {
			info: {
				format: 'pmtiles',
				bounds: parseBounds([h.minLon, h.minLat, h.maxLon, h.maxLat]),
				minzoom: h.minZoom,
				maxzoom: h.maxZoom,
				center: [h.centerLon, h.centerLat, h.centerZoom],
				layers: layerIds(meta),
				name: typeof m.name === 'string' ? m.name : null,
				attribution: typeof m.attribution === 'string' ? m.attribution : null
			},
			version,
			async tile(z, x, y) {
				const r = await pm.getZxy(z, x, y);
				return r ? Buffer.from(r.data) : null;
			},
			async close() {
				await file.close();
			}
		};
	} catch (e) {
		await file.close();
		if (e instanceof ArchiveError) throw e;
		throw new ArchiveError(`not a readable PMTiles file (${(e as Error).message})`);
	}
}
