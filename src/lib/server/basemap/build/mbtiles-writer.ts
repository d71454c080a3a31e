// Writes an MBTiles 1.3 file (github.com/mapbox/mbtiles-spec): a `metadata` table of name/value
// rows and a `tiles` table whose rows count from the south (TMS), unlike the XYZ numbering of the
// URLs. Written to a temporary file and renamed, so a failed build never leaves half a file where
// a running server reads the old one.
import { renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Bounds, Tile, VectorLayer } from './build-tiles.ts';

export interface MbtilesMetadata {
	name: string;
	description: string;
	attribution: string;
	bounds: Bounds;
	center: [number, number, number];
	minzoom: number;
	maxzoom: number;
	vectorLayers: VectorLayer[];
}

export function writeMbtiles(path: string, meta: MbtilesMetadata, tiles: Iterable<Tile>): { tiles: number; bytes: number } {
	const tmp = `${path}.${process.pid}.tmp`;
	rmSync(tmp, { force: true });
	const db = new Database(tmp);
	let count = 0;
	let bytes = 0;
	try {
		db.pragma('journal_mode = OFF');
		db.pragma('synchronous = OFF');
		db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
			CREATE UNIQUE INDEX metadata_name ON metadata (name);
			CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
			CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
		const rows: [string, string][] = [
			['name', meta.name],
			['description', meta.description],
			['attribution', meta.attribution],
			['type', 'baselayer'],
			['version', '1'],
			['format', 'pbf'],
			['bounds', meta.bounds.map((n) => n.toFixed(6)).join(',')],
			['center', `${meta.center[0].toFixed(6)},${meta.center[1].toFixed(6)},${meta.center[2]}`],
			['minzoom', String(meta.minzoom)],
			['maxzoom', String(meta.maxzoom)],
			['json', JSON.stringify({ vector_layers: meta.vectorLayers })]
		];
		const putMeta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
		const putTile = db.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)');
		db.transaction(() => {
			for (const [k, v] of rows) putMeta.run(k, v);
			for (const t of tiles) {
				putTile.run(t.z, t.x, 2 ** t.z - 1 - t.y, t.data);
				count++;
				bytes += t.data.length;
			}
		})();
		db.close();
		renameSync(tmp, path);
	} catch (e) {
		if (db.open) db.close();
		rmSync(tmp, { force: true });
		throw e;
	}
	return { tiles: count, bytes };
}
