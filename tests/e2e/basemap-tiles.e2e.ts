// The control room on a server whose BASEMAP_TILES is an MBTiles file built here from the bundled
// Oxford extract: the map's tiles come through the app (200, with data), no request leaves this
// machine and none fails, the map draws the file's streets and buildings, and outside the file it
// still shows the land outline and says there is no detailed base map.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildMbtiles } from '../../src/lib/server/basemap/build/build-mbtiles.ts';
import { readOsmFeatures } from '../../src/lib/server/basemap/build/read-osm.ts';
import { login, mapReady, open } from './helpers.ts';

const PORT = Number(
	spawnSync(process.execPath, ['-e', "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '' }
	}).stdout.trim()
);
if (!Number.isInteger(PORT) || PORT <= 0) throw new Error('basemap e2e: could not find a free port');
const BASE = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'hp-basemap-'));
const TILES = join(dir, 'oxford.mbtiles');
const LOG = join(dir, 'server.log');

function startServer(): ChildProcess {
	const log = openSync(LOG, 'a');
	const child = spawn(process.execPath, ['tests/e2e/serve.ts'], {
		env: { ...process.env, E2E_PORT: String(PORT), E2E_DB: join(dir, 'e2e.db'), E2E_STATE: join(dir, 'state.json'), BASEMAP_TILES: TILES },
		stdio: ['ignore', log, log]
	});
	closeSync(log);
	return child;
}

const logTail = () => (existsSync(LOG) ? readFileSync(LOG, 'utf8').trim().split('\n').slice(-10).join('\n') : '(no log)');

async function ready(server: ChildProcess) {
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the e2e server on ${PORT} exited (${server.exitCode ?? server.signalCode}):\n${logTail()}`);
		if ((await fetch(`${BASE}/api/health`).catch(() => null))?.ok) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the e2e server on ${PORT} did not answer /api/health in 90 s:\n${logTail()}`);
}

type HpMap = {
	getStyle(): { sources: Record<string, { type: string }> };
	querySourceFeatures(source: string, o: { sourceLayer: string }): unknown[];
	queryRenderedFeatures(o: { layers: string[] }): { layer: { id: string }; properties: Record<string, unknown> }[];
	jumpTo(o: object): void;
	once(event: string, f: () => void): void;
	loaded(): boolean;
};

/** Rendered features of some style layers once the map has drawn everything it asked for. */
async function rendered(page: Page, layers: string[]) {
	return page.evaluate(
		(ids) =>
			new Promise<{ layer: string; name: unknown }[]>((resolve) => {
				const map = (window as unknown as { __hpMap: HpMap }).__hpMap;
				const read = () => resolve(map.queryRenderedFeatures({ layers: ids }).map((f) => ({ layer: f.layer.id, name: f.properties.name })));
				map.once('idle', read);
				// an idle map fires no more 'idle' until something changes
				if (map.loaded()) setTimeout(read, 500);
			}),
		layers
	);
}

test.use({ baseURL: BASE });

test('the control room draws the force tiles through the app, and the land outline outside them', async ({ page }) => {
	test.setTimeout(180_000);
	const built = buildMbtiles(readOsmFeatures(['static/basemap/oxford.geojson']), TILES, { name: 'Oxford e2e', minzoom: 12, maxzoom: 16 });
	expect(built.tiles).toBeGreaterThan(20);
	const server = startServer();
	try {
		await ready(server);
		const requests: string[] = [];
		const failed: string[] = [];
		const tiles: { url: string; status: number; bytes: number }[] = [];
		page.context().on('request', (r) => requests.push(r.url()));
		// a request the page itself cancels (a navigation leaving a chunk behind, MapLibre dropping a
		// tile that left the view) is aborted, not failed
		page.context().on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && failed.push(`${r.url()} ${r.failure()?.errorText}`));
		page.context().on('response', async (r) => {
			if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
			if (new URL(r.url()).pathname.startsWith('/basemap/tiles/')) tiles.push({ url: r.url(), status: r.status(), bytes: r.status() === 200 ? (await r.body()).length : 0 });
		});
		await login(page, 'sgt-bo');
		await open(page, '/control');
		await mapReady(page);

		const streets = await rendered(page, ['road-major', 'road-minor', 'road-path', 'building', 'road-label']);
		expect(new Set(streets.map((f) => f.layer))).toEqual(new Set(['road-major', 'road-minor', 'road-path', 'building', 'road-label']));
		const style = await page.evaluate(() => (window as unknown as { __hpMap: HpMap }).__hpMap.getStyle().sources);
		expect(style.tiles.type).toBe('vector');
		expect(tiles.filter((t) => t.status === 200 && t.bytes > 100).length).toBeGreaterThan(0);
		expect(tiles.filter((t) => t.status !== 200 && t.status !== 204)).toEqual([]);
		await expect(page.getByTestId('basemap-notice')).toHaveCount(0);

		// Reading, 40 km away: outside the file, the land outline and a plain notice
		await page.evaluate(() => (window as unknown as { __hpMap: HpMap }).__hpMap.jumpTo({ center: [-0.97, 51.45], zoom: 13 }));
		await expect(page.getByTestId('basemap-notice')).toContainText("outside the force's base map");
		expect((await rendered(page, ['land'])).length).toBeGreaterThan(0);
		expect((await rendered(page, ['road-major', 'road-minor', 'building'])).length).toBe(0);

		expect(requests.filter((u) => !/^(http:\/\/127\.0\.0\.1:\d+\/|data:|blob:)/.test(u))).toEqual([]);
		expect(failed).toEqual([]);
	} finally {
		server.kill('SIGKILL');
	}
});
