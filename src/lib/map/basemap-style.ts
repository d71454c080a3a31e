// The base map every map page draws: the server's /basemap/style.json, which is the force's own
// vector tiles (BASEMAP_TILES) in the style for their schema, or the bundled offline map of
// central Oxford when there are none (src/lib/server/basemap/). Nothing is fetched from the web.
// A force can also point BASEMAP_STYLE at a style of its own for the control room.
export type Theme = 'day' | 'night';

/** The key under a served style's `metadata` that says what its detailed map covers. */
export const COVERAGE_KEY = 'hotspot-patrol:coverage';

export interface Coverage {
	/** west, south, east, north in degrees */
	bounds: [number, number, number, number];
	/** below this zoom the detailed map draws nothing (only the land outline) */
	minzoom: number;
	/** the bundled Oxford extract, or the force's BASEMAP_TILES file */
	kind: 'bundled' | 'tiles';
}

export function basemapStyle(theme: Theme = 'day'): string {
	return `/basemap/style.json?theme=${theme}`;
}
