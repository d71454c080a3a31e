// A force's own vector tiles: `cli basemap build --mbtiles` on the bundled Oxford extract, the same
// tiles as PMTiles, both read back and decoded, and answered through the tile route's logic
// (gzip, ETag, 204 outside the file). The routes themselves, behind the login, are in
// basemap-routes.test.ts. No database: tiles are files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import Database from 'better-sqlite3';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TileArchive } from '../../src/lib/server/basemap/archive.ts';
import { tileOf } from '../../src/lib/server/basemap/build/build-tiles.ts';
import { openArchive } from '../../src/lib/server/basemap/open.ts';
import { basemapStyleResponse } from '../../src/lib/server/basemap/served-style.ts';
import { tileResponse } from '../../src/lib/server/basemap/serve-tile.ts';
import { OXFORD_BOUNDS } from '../../src/lib/server/basemap/styles/oxford.ts';
import { writePmtiles } from './pmtiles-writer.ts';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'hp-tiles-'));
const MBTILES = join(dir, 'oxford.mbtiles');
const PMTILES = join(dir, 'oxford.pmtiles');
// Broad Street, between the Sheldonian and Balliol
const BROAD = tileOf(-1.2555, 51.7545, 16);

function decode(data: Buffer): VectorTile {
	return new VectorTile(new PbfReader(data[0] === 0x1f ? gunzipSync(data) : data));
}

function names(tile: VectorTile, layer: string): string[] {
	const l = tile.layers[layer];
	return l ? Array.from({ length: l.length }, (_, i) => String(l.feature(i).properties.name)) : [];
}

let archives: TileArchive[] = [];

beforeAll(() => {
	// the real command, as an operator runs it
	const out = execFileSync(process.execPath, ['src/cli/index.ts', 'basemap', 'build', '--from', 'static/basemap/oxford.geojson', '--mbtiles', MBTILES, '--name', 'Oxford test'], { cwd: root, encoding: 'utf8' });
	expect(out).toMatch(/features in \d+ tiles \(zooms 12-16/);
	const db = new Database(MBTILES, { readonly: true });
	const tiles = (db.prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS row, tile_data AS data FROM tiles').all() as { z: number; x: number; row: number; data: Buffer }[]).map((t) => ({ z: t.z, x: t.x, y: 2 ** t.z - 1 - t.row, data: t.data }));
	const json = (db.prepare("SELECT value FROM metadata WHERE name = 'json'").get() as { value: string }).value;
	db.close();
	writePmtiles(PMTILES, { tiles, metadata: { name: 'Oxford test', ...JSON.parse(json) }, bounds: OXFORD_BOUNDS, minzoom: 12, maxzoom: 16 });
});

afterAll(async () => {
	await Promise.all(archives.map((a) => a.close()));
});

describe('cli basemap build --mbtiles', () => {
	it('writes the MBTiles metadata a server and MapLibre need', () => {
		const db = new Database(MBTILES, { readonly: true });
		const meta = Object.fromEntries((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
		const zooms = db.prepare('SELECT zoom_level AS z, count(*) AS n FROM tiles GROUP BY zoom_level').all() as { z: number; n: number }[];
		db.close();
		expect(meta).toMatchObject({ name: 'Oxford test', format: 'pbf', minzoom: '12', maxzoom: '16', type: 'baselayer' });
		expect(meta.bounds.split(',').map(Number)).toEqual(OXFORD_BOUNDS);
		const [lon, lat, zoom] = meta.center.split(',').map(Number);
		expect([lon, lat, zoom]).toEqual([expect.closeTo(-1.2601, 3), expect.closeTo(51.7587, 3), 14]);
		const layers = JSON.parse(meta.json).vector_layers as { id: string; minzoom: number; maxzoom: number; fields: object }[];
		expect(layers.map((l) => l.id).sort()).toEqual(['building', 'landuse', 'park', 'poi', 'transportation', 'transportation_name', 'water', 'waterway']);
		expect(layers.find((l) => l.id === 'building')).toMatchObject({ minzoom: 13, maxzoom: 16 });
		// every zoom from 12 to 16, four times as many tiles a zoom once the town spans several
		expect(zooms.map((r) => r.z)).toEqual([12, 13, 14, 15, 16]);
		expect(zooms.at(-1)!.n).toBeGreaterThan(zooms.at(-3)!.n * 4);
	});
});

describe.each([
	['MBTiles', MBTILES],
	['PMTiles', PMTILES]
])('%s read back', (kind, path) => {
	let archive: TileArchive;
	beforeAll(async () => {
		archive = await openArchive(path);
		archives.push(archive);
	});

	it('knows its format, bounds, zooms and layers', () => {
		expect(archive.info).toMatchObject({ format: kind.toLowerCase(), minzoom: 12, maxzoom: 16, name: 'Oxford test' });
		archive.info.bounds.forEach((b, i) => expect(b).toBeCloseTo(OXFORD_BOUNDS[i], 5));
		expect(archive.info.layers).toContain('transportation');
	});

	it('gives tiles whose features are the streets and buildings of the extract', async () => {
		const tile = decode((await archive.tile(16, BROAD[0], BROAD[1]))!);
		expect(names(tile, 'transportation_name')).toContain('Broad Street');
		expect(tile.layers.building.length).toBeGreaterThan(20);
		expect(tile.layers.transportation.feature(0).properties.class).toMatch(/^(primary|secondary|tertiary|minor|service|path|track|busway)$/);
		// at 12 the whole town is one tile, without the buildings yet
		const [x12, y12] = tileOf(-1.26, 51.758, 12);
		const town = decode((await archive.tile(12, x12, y12))!);
		expect(town.layers.transportation.length).toBeGreaterThan(100);
		expect(town.layers.building).toBeUndefined();
		expect(await archive.tile(16, 0, 0)).toBeNull();
	});

	it('answers a tile gzip-encoded with an ETag, unzipped for a client that takes no gzip, 304 when unchanged', async () => {
		const url = new URL(`http://x/basemap/tiles/16/${BROAD[0]}/${BROAD[1]}.pbf?v=${archive.version}`);
		const params = { z: '16', x: String(BROAD[0]), y: String(BROAD[1]) };
		const zipped = await tileResponse(archive, params, url, new Headers({ 'accept-encoding': 'gzip, deflate, br' }));
		expect(zipped.status).toBe(200);
		expect(Object.fromEntries(zipped.headers)).toMatchObject({ 'content-type': 'application/vnd.mapbox-vector-tile', 'content-encoding': 'gzip', vary: 'accept-encoding', 'cache-control': 'private, max-age=31536000, immutable' });
		const body = Buffer.from(await zipped.arrayBuffer());
		expect(body[0]).toBe(0x1f);
		expect(names(decode(body), 'transportation_name')).toContain('Broad Street');
		const plain = await tileResponse(archive, params, url, new Headers({ 'accept-encoding': 'gzip;q=0, identity' }));
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(Buffer.compare(Buffer.from(await plain.arrayBuffer()), gunzipSync(body))).toBe(0);
		expect(plain.headers.get('etag')).not.toBe(zipped.headers.get('etag'));
		const again = await tileResponse(archive, params, url, new Headers({ 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.get('etag')! }));
		expect(again.status).toBe(304);
		// an old or missing version is kept only while the ETag still matches
		const stale = await tileResponse(archive, params, new URL('http://x/t?v=old'), new Headers());
		expect(stale.headers.get('cache-control')).toBe('private, no-cache');
	});

	it('answers 204 outside the file (bounds, zooms, or simply absent) and 400 for a malformed tile', async () => {
		const url = new URL('http://x/t');
		const h = new Headers({ 'accept-encoding': 'gzip' });
		const reading = tileOf(-0.97, 51.45, 16);
		const [x11, y11] = tileOf(-1.26, 51.758, 11);
		const [x17, y17] = tileOf(-1.2555, 51.7545, 17);
		for (const [z, x, y] of [[16, reading[0], reading[1]], [11, x11, y11], [17, x17, y17], [0, 0, 0]]) {
			const r = await tileResponse(archive, { z: String(z), x: String(x), y: String(y) }, url, h);
			expect(r.status, `${z}/${x}/${y}`).toBe(204);
			expect((await r.arrayBuffer()).byteLength).toBe(0);
		}
		const bad = await tileResponse(archive, { z: '3', x: '8', y: '1' }, url, h);
		expect(bad.status).toBe(400);
		expect(await bad.text()).toBe('x and y run from 0 to 7 at zoom 3, not 8/1');
		expect((await tileResponse(archive, { z: '1e3', x: '0', y: '0' }, url, h)).status).toBe(400);
	});
});

describe('a file that cannot be served', () => {
	it('is refused with what is wrong, for the operator', async () => {
		const raster = join(dir, 'raster.mbtiles');
		const db = new Database(raster);
		db.exec("CREATE TABLE metadata (name TEXT, value TEXT); INSERT INTO metadata VALUES ('format', 'png'); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB); INSERT INTO tiles VALUES (0, 0, 0, x'00');");
		db.close();
		await expect(openArchive(raster)).rejects.toThrow('BASEMAP_TILES: the MBTiles file holds png tiles; only vector tiles (pbf) can be drawn with a style');
		const other = join(dir, 'app.db');
		new Database(other).exec('CREATE TABLE users (id INTEGER)');
		await expect(openArchive(other)).rejects.toThrow(/BASEMAP_TILES: not a readable MBTiles file \(no such table: metadata\)/);
		const text = join(dir, 'notes.pmtiles');
		writeFileSync(text, 'not tiles at all');
		await expect(openArchive(text)).rejects.toThrow('BASEMAP_TILES: the file is neither MBTiles (SQLite) nor PMTiles version 3');
	});

	it('leaves the maps on the bundled Oxford map, saying why in the log once', async () => {
		const raster = join(dir, 'raster.mbtiles');
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			for (const theme of ['day', 'night'] as const) expect((await basemapStyleResponse(raster, theme)).name).toBe(`Hotspot Patrol offline (${theme})`);
			expect(logged.mock.calls.map((c) => String(c[0]))).toEqual(['basemap: BASEMAP_TILES: the MBTiles file holds png tiles; only vector tiles (pbf) can be drawn with a style; drawing the bundled map instead']);
			expect((await basemapStyleResponse(MBTILES, 'day')).sources.tiles).toBeDefined();
		} finally {
			logged.mockRestore();
		}
	});
});
