// When the map shows no detailed base map, the page says so rather than leave people guessing
// at a blank land outline: outside the detailed map's bounds, or zoomed out past where it starts.
import type { Coverage } from './basemap-style.ts';

export interface View {
	center: [number, number];
	zoom: number;
}

/** The coverage a served style carries in its metadata, or null for a style without one (BASEMAP_STYLE). */
export function readCoverage(value: unknown): Coverage | null {
	const c = value as Partial<Coverage> | null | undefined;
	if (!c || !Array.isArray(c.bounds) || c.bounds.length !== 4 || !c.bounds.every(Number.isFinite)) return null;
	if (typeof c.minzoom !== 'number' || (c.kind !== 'bundled' && c.kind !== 'tiles')) return null;
	return { bounds: c.bounds as Coverage['bounds'], minzoom: c.minzoom, kind: c.kind };
}

export function coverageNotice(coverage: Coverage, view: View): string | null {
	const [w, s, e, n] = coverage.bounds;
	const [x, y] = view.center;
	const outside = x < w || x > e || y < s || y > n;
	if (outside && coverage.kind === 'bundled') return 'No detailed base map here: the bundled map covers central Oxford only. Ask your administrator to set BASEMAP_TILES.';
	if (outside) return "No detailed base map here: this is outside the force's base map (BASEMAP_TILES).";
	if (view.zoom < coverage.minzoom) return `Zoom in for the detailed base map (it starts at zoom ${coverage.minzoom}).`;
	return null;
}
