// A minimal PMTiles v3 writer (github.com/protomaps/PMTiles spec/v3/spec.md), for tests only: the
// `pmtiles` package reads, and a Protomaps extract cannot be fetched here. One root directory,
// gzip for directories, metadata and tiles (as Protomaps' own builds store them), tiles in
// tile-id order.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

function varint(n: number, out: number[]): void {
	while (n >= 0x80) {
		out.push((n % 0x80) | 0x80);
		n = Math.floor(n / 0x80);
	}
	out.push(n);
}

export interface PmtilesInput {
	tiles: { z: number; x: number; y: number; data: Buffer }[];
	metadata: object;
	bounds: [number, number, number, number];
	minzoom: number;
	maxzoom: number;
}

export function writePmtiles(path: string, input: PmtilesInput): void {
	const entries = input.tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
	const dir: number[] = [];
	varint(entries.length, dir);
	let last = 0;
	for (const e of entries) {
		varint(e.id - last, dir);
		last = e.id;
	}
	for (let i = 0; i < entries.length; i++) varint(1, dir);
	for (const e of entries) varint(e.data.length, dir);
	for (let i = 0; i < entries.length; i++) varint(i === 0 ? 1 : 0, dir); // 0 = right after the previous tile
	const root = gzipSync(Buffer.from(dir));
	const meta = gzipSync(Buffer.from(JSON.stringify(input.metadata)));
	const data = Buffer.concat(entries.map((e) => e.data));
	const h = Buffer.alloc(127);
	h.write('PMTiles', 0, 'latin1');
	h[7] = 3;
	const at = { root: 127, meta: 127 + root.length, data: 127 + root.length + meta.length };
	const u64 = (off: number, n: number) => h.writeBigUInt64LE(BigInt(n), off);
	u64(8, at.root);
	u64(16, root.length);
	u64(24, at.meta);
	u64(32, meta.length);
	u64(40, at.data);
	u64(48, 0);
	u64(56, at.data);
	u64(64, data.length);
	u64(72, entries.length);
	u64(80, entries.length);
	u64(88, entries.length);
	h[96] = 1; // clustered
	h[97] = 2; // internal compression: gzip
	h[98] = 2; // tile compression: gzip
	h[99] = 1; // MVT
	h[100] = input.minzoom;
	h[101] = input.maxzoom;
	const e7 = (off: number, deg: number) => h.writeInt32LE(Math.round(deg * 1e7), off);
	e7(102, input.bounds[0]);
	e7(106, input.bounds[1]);
	e7(110, input.bounds[2]);
	e7(114, input.bounds[3]);
	h[118] = input.minzoom;
	e7(119, (input.bounds[0] + input.bounds[2]) / 2);
	e7(123, (input.bounds[1] + input.bounds[3]) / 2);
	writeFileSync(path, Buffer.concat([h, root, meta, data]));
}
