// The base map routes of the production server, with BASEMAP_TILES set to an MBTiles file built
// from the bundled Oxford extract: the style names the served tiles, a tile comes gzip-encoded
// to any signed-in role, 204 outside the file, and nothing without a login. SQLite only: the
// routes read a file, not the database.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOsmFeatures } from '../../src/lib/server/basemap/build/read-osm.ts';
import { buildMbtiles } from '../../src/lib/server/basemap/build/build-mbtiles.ts';
import { tileOf } from '../../src/lib/server/basemap/build/build-tiles.ts';
import { seed, startAppProcess, webSession, type AppProcess, type Seed } from './app-process.ts';
import { testDatabases } from './harness.ts';

const root = new URL('../..', import.meta.url).pathname;
const database = testDatabases()[0];
const BROAD = tileOf(-1.2555, 51.7545, 16);
let app: AppProcess;
let s: Seed;

beforeAll(async () => {
	const tiles = join(mkdtempSync(join(tmpdir(), 'hp-routes-')), 'force.mbtiles');
	buildMbtiles(readOsmFeatures([join(root, 'static/basemap/oxford.geojson')]), tiles, { name: 'Oxford routes', minzoom: 12, maxzoom: 16 });
	const db = database.fresh();
	s = await seed(db);
	app = await startAppProcess(db, { BASEMAP_TILES: tiles });
}, 180_000);

afterAll(async () => {
	await app?.stop();
	await database.cleanup();
});

describe('with BASEMAP_TILES', () => {
	it('serves the style for the file, with its tiles through the app', async () => {
		const cookie = await webSession(app.url, s.analyst.username, s.analyst.password);
		const res = await fetch(`${app.url}/basemap/style.json?theme=night`, { headers: { cookie } });
		expect(res.status).toBe(200);
		const style = await res.json();
		expect(style.name).toBe('Hotspot Patrol, Oxford routes (night)');
		expect(style.sources.tiles.tiles[0]).toMatch(/^\/basemap\/tiles\/\{z\}\/\{x\}\/\{y\}\.pbf\?v=[a-z0-9-]+$/);
		expect(style.metadata['hotspot-patrol:coverage']).toMatchObject({ kind: 'tiles', minzoom: 12 });
		expect((await fetch(`${app.url}/basemap/style.json?theme=dusk`, { headers: { cookie } })).status).toBe(400);
	});

	it('answers a tile to any signed-in role, gzip-encoded with cache headers, and 204 outside the file', async () => {
		const style = await (await fetch(`${app.url}/basemap/style.json`, { headers: { cookie: await webSession(app.url, s.officer.username, s.officer.password) } })).json();
		const versioned = (z: number, x: number, y: number) => `${app.url}${style.sources.tiles.tiles[0].replace('{z}', z).replace('{x}', x).replace('{y}', y)}`;
		for (const who of [s.officer, s.supervisor]) {
			const cookie = await webSession(app.url, who.username, who.password);
			// fetch asks for gzip and unzips, as a browser does
			const res = await fetch(versioned(16, BROAD[0], BROAD[1]), { headers: { cookie } });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-encoding')).toBe('gzip');
			expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
			expect(res.headers.get('etag')).toMatch(/^"[\w-]+-gz"$/);
			const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
			const names = tile.layers.transportation_name;
			expect(Array.from({ length: names.length }, (_, i) => names.feature(i).properties.name)).toContain('Broad Street');
			const reading = tileOf(-0.97, 51.45, 16);
			expect((await fetch(versioned(16, reading[0], reading[1]), { headers: { cookie } })).status).toBe(204);
		}
	});

	it('sends a visitor without a login to log in, tiles and style alike', async () => {
		for (const path of ['/basemap/style.json', `/basemap/tiles/16/${BROAD[0]}/${BROAD[1]}.pbf`]) {
			const res = await fetch(`${app.url}${path}`, { redirect: 'manual' });
			expect(res.status, path).toBe(303);
			expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
		}
		// the land outline and glyphs are static and public
		expect((await fetch(`${app.url}/basemap/land.geojson`)).status).toBe(200);
	});
});
