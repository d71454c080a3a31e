import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('AUDIT_KEY', () => {
	it('takes 32 or more bytes as hex or base64, and nothing when unset', () => {
		const hex = 'ab'.repeat(32);
		expect(readConfig({ AUDIT_KEY: hex }).auditKey?.equals(Buffer.from(hex, 'hex'))).toBe(true);
		const b64 = Buffer.alloc(48, 7).toString('base64');
		expect(readConfig({ AUDIT_KEY: b64 }).auditKey?.length).toBe(48);
		expect(readConfig({}).auditKey).toBeNull();
	});

	it('refuses a short or malformed key without printing it', () => {
		const short = Buffer.alloc(16, 1).toString('base64');
		expect(() => readConfig({ AUDIT_KEY: short })).toThrow('AUDIT_KEY="(hidden)": expected at least 32 bytes, got 16');
		expect(() => readConfig({ AUDIT_KEY: 'not a key!' })).toThrow(/AUDIT_KEY="\(hidden\)": expected hex or base64/);
		try {
			readConfig({ AUDIT_KEY: short });
		} catch (e) {
			expect((e as Error).message).not.toContain(short);
		}
	});
});

describe('BASEMAP_TILES', () => {
	const dir = mkdtempSync(join(tmpdir(), 'hp-config-tiles-'));

	it('takes an MBTiles or PMTiles file by its first bytes, whatever its name', () => {
		const sqlite = join(dir, 'force.tiles');
		new Database(sqlite).exec('CREATE TABLE metadata (name TEXT, value TEXT)');
		expect(readConfig({ BASEMAP_TILES: sqlite }).basemapTiles).toEqual({ path: sqlite, format: 'mbtiles' });
		const pm = join(dir, 'force.pmtiles');
		writeFileSync(pm, Buffer.concat([Buffer.from('PMTiles'), Buffer.from([3]), Buffer.alloc(119)]));
		expect(readConfig({ BASEMAP_TILES: pm }).basemapTiles).toEqual({ path: pm, format: 'pmtiles' });
		expect(readConfig({}).basemapTiles).toBeUndefined();
	});

	it('names the variable and what is wrong with the file', () => {
		const missing = join(dir, 'nope.mbtiles');
		expect(() => readConfig({ BASEMAP_TILES: missing })).toThrow(`BASEMAP_TILES="${missing}": cannot read the file (ENOENT)`);
		const geojson = join(dir, 'oxford.geojson');
		writeFileSync(geojson, '{"type":"FeatureCollection","features":[]}');
		expect(() => readConfig({ BASEMAP_TILES: geojson })).toThrow(/BASEMAP_TILES=".*oxford.geojson": expected an MBTiles \(SQLite\) or PMTiles version 3 file/);
		expect(() => readConfig({ BASEMAP_TILES: dir })).toThrow(/BASEMAP_TILES=.*cannot read the file \(EISDIR\)/);
	});
});
