// OpenStreetMap GeoJSON in (osmtogeojson or an Overpass export, or the slim bundled extract):
// every .geojson file of a folder, or one file; a feature in two files (by OSM id) counts once.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type OsmFeature = { type: 'Feature'; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> | null; id?: unknown };

export function osmFiles(from: string): string[] {
	if (!statSync(from).isDirectory()) return [from];
	const files = readdirSync(from)
		.filter((f) => f.endsWith('.geojson'))
		.sort()
		.map((f) => join(from, f));
	if (files.length === 0) throw new Error(`${from} holds no .geojson files`);
	return files;
}

export function readOsmFeatures(files: readonly string[]): OsmFeature[] {
	const out: OsmFeature[] = [];
	const seen = new Set<string>();
	for (const file of files) {
		let fc: { features?: OsmFeature[] };
		try {
			fc = JSON.parse(readFileSync(file, 'utf8'));
		} catch (e) {
			throw new Error(`${file}: not GeoJSON (${(e as Error).message})`);
		}
		if (!Array.isArray(fc.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection (no "features" list)`);
		for (const f of fc.features) {
			const id = String(f.properties?.id ?? f.properties?.['@id'] ?? f.id ?? '');
			if (id && seen.has(id)) continue;
			if (id) seen.add(id);
			out.push(f);
		}
	}
	return out;
}
