// One tile as an HTTP answer. Stored gzip goes out as it is when the browser takes gzip (MBTiles
// files such as OS Open Zoomstack store gzip), is unzipped when it does not, and plain tiles are
// zipped for a browser that takes it. 204 for anything the file does not hold, which MapLibre
// draws as an empty tile without an error. A tile URL carries the file's version, so a matching
// one may be kept for a year; the strong ETag covers an unversioned or stale URL.
import { createHash } from 'node:crypto';
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { inCoverage, type TileArchive } from './archive.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const TILE_TYPE = 'application/vnd.mapbox-vector-tile';
const YEAR = 'private, max-age=31536000, immutable';
const REVALIDATE = 'private, no-cache';

export function isGzip(b: Uint8Array): boolean {
	return b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** gzip is acceptable unless the header leaves it out or gives it q=0. */
export function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	return header.split(',').some((part) => {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (name !== 'gzip' && name !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

export type TileParams = { z: string; x: string; y: string };

/** Whole numbers, x and y inside the zoom grid; otherwise a sentence saying what is wrong. */
export function parseTile(p: TileParams): { z: number; x: number; y: number } | string {
	const [z, x, y] = [p.z, p.x, p.y].map((s) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN));
	if (![z, x, y].every(Number.isInteger)) return `a tile is /basemap/tiles/{z}/{x}/{y}.pbf with whole numbers, not ${p.z}/${p.x}/${p.y}`;
	if (z > 30) return `zoom ${z} is beyond 30`;
	if (x >= 2 ** z || y >= 2 ** z) return `x and y run from 0 to ${2 ** z - 1} at zoom ${z}, not ${x}/${y}`;
	return { z, x, y };
}

export async function tileResponse(archive: TileArchive, params: TileParams, url: URL, headers: Headers): Promise<Response> {
	const t = parseTile(params);
	if (typeof t === 'string') return new Response(t, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	const cache = url.searchParams.get('v') === archive.version ? YEAR : REVALIDATE;
	const stored = inCoverage(archive.info, t.z, t.x, t.y) ? await archive.tile(t.z, t.x, t.y) : null;
	if (!stored || stored.length === 0) return new Response(null, { status: 204, headers: { 'cache-control': cache } });
	const gzipped = isGzip(stored);
	const wantGzip = acceptsGzip(headers.get('accept-encoding'));
	const etag = `"${createHash('sha1').update(stored).digest('base64url').slice(0, 22)}${wantGzip ? '-gz' : ''}"`;
	const common = { etag, 'cache-control': cache, vary: 'accept-encoding' };
	const match = headers.get('if-none-match');
	if (match && match.split(',').some((m) => m.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers: common });
	const body = wantGzip ? (gzipped ? stored : await gzipAsync(stored)) : gzipped ? await gunzipAsync(stored) : stored;
	return new Response(new Uint8Array(body), {
		status: 200,
		headers: { ...common, 'content-type': TILE_TYPE, 'content-length': String(body.length), ...(wantGzip ? { 'content-encoding': 'gzip' } : {}) }
	});
}
