// MBTiles (github.com/mapbox/mbtiles-spec) through better-sqlite3, read-only: OS Open Zoomstack
// ships as one, and `cli basemap build --mbtiles` writes one. Rows count from the south (TMS).
import Database from 'better-sqlite3';
import { ArchiveError, layerIds, parseBounds, type ArchiveInfo, type TileArchive } from './archive.ts';

export function openMbtiles(path: string, version: string): TileArchive {
	let db: Database.Database;
	try {
		db = new Database(path, { readonly: true, fileMustExist: true });
	} catch (e) {
		throw new ArchiveError(`cannot open the MBTiles file (${(e as Error).message})`);
	}
	try {
		const meta = new Map<string, string>();
		for (const row of db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]) meta.set(row.name, row.value);
		const format = meta.get('format') ?? 'pbf';
		if (format !== 'pbf') throw new ArchiveError(`the MBTiles file holds ${format} tiles; only vector tiles (pbf) can be drawn with a style`);
		const zooms = db.prepare('SELECT min(zoom_level) AS lo, max(zoom_level) AS hi FROM tiles').get() as { lo: number | null; hi: number | null };
		if (zooms.lo === null || zooms.hi === null) throw new ArchiveError('the MBTiles file has no tiles');
		let json: unknown = null;
		try {
			json = JSON.parse(meta.get('json') ?? 'null');
		} catch {
			throw new ArchiveError('the MBTiles metadata row "json" is not JSON');
		}
		const centre = (meta.get('center') ?? '').split(',').map(Number);
		const zoom = (key: string, fallback: number) => (/^\d{1,2}$/.test(meta.get(key) ?? '') ? Number(meta.get(key)) : fallback);
		const info: ArchiveInfo = {
			format: 'mbtiles',
			bounds: parseBounds(meta.get('bounds')),
			minzoom: zoom('minzoom', zooms.lo),
			maxzoom: zoom('maxzoom', zooms.hi),
			center: centre.length === 3 && centre.every(Number.isFinite) ? (centre as [number, number, number]) : null,
			layers: layerIds(json),
			name: meta.get('name') ?? null,
			attribution: meta.get('attribution') ?? null
		};
		const get = db.prepare('SELECT tile_data AS data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
		return {
			info,
			version,
			async tile(z, x, y) {
				const row = get.get(z, x, 2 ** z - 1 - y) as { data: Buffer } | undefined;
				return row?.data ?? null;
			},
			async close() {
				db.close();
			}
		};
	} catch (e) {
		db.close();
		if (e instanceof ArchiveError) throw e;
		throw new ArchiveError(`not a readable MBTiles file (${(e as Error).message})`);
	}
}
