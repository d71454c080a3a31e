// Vector tiles from GeoJSON: geojson-vt slices and simplifies each layer (the library MapLibre
// itself uses for GeoJSON sources), vt-pbf encodes each tile as a Mapbox Vector Tile. Tiles are
// yielded one at a time so that a force-wide build is written as it goes.
import { gzipSync } from 'node:zlib';
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { LAYER_DELAY, LAYER_FIELDS, type OmtFeature, type OmtLayer } from './omt-features.ts';

export type Bounds = [number, number, number, number];

export interface VectorLayer {
	id: string;
	minzoom: number;
	maxzoom: number;
	fields: Record<string, string>;
}

export interface Tile {
	z: number;
	x: number;
	y: number;
	/** gzip-compressed, as the MBTiles spec asks of pbf tiles */
	data: Buffer;
}

export const EXTENT = 4096;

export function featureBounds(features: readonly OmtFeature[]): Bounds | null {
	const b: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
	const walk = (c: unknown): void => {
		if (typeof (c as number[])[0] === 'number') {
			const [x, y] = c as number[];
			b[0] = Math.min(b[0], x);
			b[1] = Math.min(b[1], y);
			b[2] = Math.max(b[2], x);
			b[3] = Math.max(b[3], y);
		} else (c as unknown[]).forEach(walk);
	};
	for (const f of features) walk(f.geometry.coordinates);
	return b[0] <= b[2] ? b : null;
}

/** Web Mercator tile column and row holding a point (OSM/XYZ numbering, y down from the north). */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
	const n = 2 ** z;
	const clamped = Math.max(-85.0511, Math.min(85.0511, lat));
	const r = (clamped * Math.PI) / 180;
	const x = Math.floor(((lon + 180) / 360) * n);
	const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
	return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

export function vectorLayers(features: readonly OmtFeature[], minzoom: number, maxzoom: number): VectorLayer[] {
	const present = new Set(features.map((f) => f.layer));
	return (Object.keys(LAYER_DELAY) as OmtLayer[])
		.filter((id) => present.has(id) && minzoom + LAYER_DELAY[id] <= maxzoom)
		.map((id) => ({ id, minzoom: minzoom + LAYER_DELAY[id], maxzoom, fields: LAYER_FIELDS[id] }));
}

export function* buildTiles(features: readonly OmtFeature[], minzoom: number, maxzoom: number): Generator<Tile> {
	const bounds = featureBounds(features);
	if (!bounds) return;
	const byLayer = new Map<OmtLayer, { index: GeoJSONVT; from: number }>();
	for (const layer of vectorLayers(features, minzoom, maxzoom)) {
		const fc = {
			type: 'FeatureCollection' as const,
			features: features.filter((f) => f.layer === layer.id).map((f) => ({ type: 'Feature' as const, geometry: f.geometry as GeoJSON.Geometry, properties: f.properties }))
		};
		const index = new GeoJSONVT(fc, { maxZoom: maxzoom, indexMaxZoom: Math.min(maxzoom, 5), extent: EXTENT, buffer: 64, tolerance: 3 });
		byLayer.set(layer.id as OmtLayer, { index, from: layer.minzoom });
	}
	for (let z = minzoom; z <= maxzoom; z++) {
		const [x0, y0] = tileOf(bounds[0], bounds[3], z);
		const [x1, y1] = tileOf(bounds[2], bounds[1], z);
		for (let x = x0; x <= x1; x++) {
			for (let y = y0; y <= y1; y++) {
				const layers: Record<string, GeoJSONVTTile> = {};
				for (const [id, { index, from }] of byLayer) {
					if (z < from) continue;
					const tile = index.getTile(z, x, y);
					if (tile && tile.features.length > 0) layers[id] = tile;
				}
				if (Object.keys(layers).length === 0) continue;
				yield { z, x, y, data: gzipSync(fromGeojsonVt(layers, { version: 2, extent: EXTENT })) };
			}
		}
	}
}
