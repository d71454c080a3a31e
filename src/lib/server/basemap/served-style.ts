// What /basemap/style.json answers, apart from reading config (the route's part).
import type { StyleSpecification } from 'maplibre-gl';
import type { Theme } from '#lib/map/basemap-style.ts';
import { ArchiveError } from './archive.ts';
import { tileArchive } from './open.ts';
import { basemapStyleFor } from './style.ts';
import { oxfordStyle } from './styles/oxford.ts';

let reported = '';

/**
 * The style for BASEMAP_TILES, or the bundled one without it. A file that cannot be drawn falls
 * back to the bundled map (with its land outline and notice) rather than leave every map blank,
 * and says why in the log, once per problem.
 */
export async function basemapStyleResponse(tilesPath: string | undefined, theme: Theme): Promise<StyleSpecification> {
	if (!tilesPath) return oxfordStyle(theme);
	try {
		return basemapStyleFor(await tileArchive(tilesPath), theme);
	} catch (e) {
		if (!(e instanceof ArchiveError)) throw e;
		if (reported !== e.message) console.error(`basemap: ${e.message}; drawing the bundled map instead`);
		reported = e.message;
		return oxfordStyle(theme);
	}
}
