// A force's vector tiles, read from one file: the archive kinds share this shape so that routes
// and styles never ask which kind they hold.
export type Bounds = [number, number, number, number];

export type TileFormat = 'mbtiles' | 'pmtiles';

export interface ArchiveInfo {
	format: TileFormat;
	/** west, south, east, north in degrees */
	bounds: Bounds;
	minzoom: number;
	maxzoom: number;
	center: [number, number, number] | null;
	/** the ids of the file's vector layers, from its metadata */
	layers: string[];
	name: string | null;
	attribution: string | null;
}

export interface TileArchive {
	info: ArchiveInfo;
	/** changes when the file does (size, modification time): tile URLs carry it, so caches can keep tiles for long */
	version: string;
	/** the stored bytes (gzip-compressed or not), or null when the file has no such tile */
	tile(z: number, x: number, y: number): Promise<Buffer | null>;
	close(): Promise<void>;
}

/** Something wrong with the BASEMAP_TILES file, said for the operator who set it. */
export class ArchiveError extends Error {
	constructor(reason: string) {
		super(`BASEMAP_TILES: ${reason}`);
		this.name = 'ArchiveError';
	}
}

const WORLD: Bounds = [-180, -85.0511, 180, 85.0511];

/** "w,s,e,n" as MBTiles and TileJSON write it; the whole world when absent or unreadable. */
export function parseBounds(raw: unknown): Bounds {
	const parts = Array.isArray(raw) ? raw.map(Number) : typeof raw === 'string' ? raw.split(',').map(Number) : [];
	if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return WORLD;
	const [w, s, e, n] = parts;
	return w < e && s < n ? [Math.max(w, -180), Math.max(s, -85.0511), Math.min(e, 180), Math.min(n, 85.0511)] : WORLD;
}

/** vector_layers ids from TileJSON-like metadata (MBTiles' `json` row, PMTiles' JSON metadata). */
export function layerIds(meta: unknown): string[] {
	const layers = (meta as { vector_layers?: unknown } | null)?.vector_layers;
	if (!Array.isArray(layers)) return [];
	return layers.map((l) => (l as { id?: unknown }).id).filter((id): id is string => typeof id === 'string');
}

/** The kind of archive from the file's first bytes, not its name: SQLite's header or PMTiles' magic and version. */
export function detectFormat(head: Uint8Array): TileFormat | null {
	const text = Buffer.from(head).toString('latin1');
	if (text.startsWith('SQLite format 3\0')) return 'mbtiles';
	if (text.startsWith('PMTiles') && head[7] === 3) return 'pmtiles';
	return null;
}

/** A tile's extent in degrees (west, south, east, north), XYZ numbering. */
export function tileBounds(z: number, x: number, y: number): Bounds {
	const n = 2 ** z;
	const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
	return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}

/** Whether the file could hold this tile at all: within its zooms, and overlapping its bounds. */
export function inCoverage(info: Pick<ArchiveInfo, 'bounds' | 'minzoom' | 'maxzoom'>, z: number, x: number, y: number): boolean {
	if (z < info.minzoom || z > info.maxzoom) return false;
	const [w, s, e, n] = tileBounds(z, x, y);
	const b = info.bounds;
	return w < b[2] && e > b[0] && s < b[3] && n > b[1];
}
