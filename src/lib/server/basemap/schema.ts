// Which style fits a file, from the vector layers its metadata lists.
import { ArchiveError } from './archive.ts';

export type Schema = 'openmaptiles' | 'zoomstack' | 'protomaps';

const ZOOMSTACK_ONLY = ['names', 'sea', 'surfacewater', 'woodland', 'local_buildings', 'district_buildings', 'greenspace', 'greenspaces', 'urban_areas'];

export function detectSchema(layers: readonly string[]): Schema | null {
	const has = (id: string) => layers.includes(id);
	if (has('transportation')) return 'openmaptiles';
	if (has('earth') || (has('roads') && has('pois'))) return 'protomaps';
	if (has('roads') && ZOOMSTACK_ONLY.some(has)) return 'zoomstack';
	return null;
}

export function schemaOf(layers: readonly string[]): Schema {
	const schema = detectSchema(layers);
	if (schema) return schema;
	const listed = layers.length ? `its layers (${layers.slice(0, 12).join(', ')}${layers.length > 12 ? ', …' : ''})` : 'its metadata lists no vector layers, and so';
	throw new ArchiveError(
		`${listed} match no style here: OpenMapTiles (transportation, building, water…), OS Open Zoomstack (roads, names, sea…) or Protomaps (earth, roads, pois…)`
	);
}
