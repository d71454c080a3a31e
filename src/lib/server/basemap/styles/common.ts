// What every served style shares: the palettes (day and night, as the bundled Oxford map had),
// the local glyphs, and under everything the land outline — Natural Earth's land polygons, so
// that a view outside any detailed map still shows where land and sea are. A style's metadata
// tells the page what the detailed map covers, for the "no detailed base map here" notice.
import type { FilterSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { COVERAGE_KEY, type Coverage, type Theme } from '#lib/map/basemap-style.ts';
import type { Bounds } from '../archive.ts';

export type { Coverage };

export const PALETTE = {
	day: { bg: '#f2efe9', sea: '#c6d9e6', coast: '#b8ae9f', park: '#d8e8c8', water: '#a9cce3', landuse: '#ebe6dc', building: '#d9d0c7', minor: '#ffffff', major: '#fbe3a5', path: '#c9c2b8', rail: '#a39e96', text: '#3d3d3d', halo: '#ffffff', casing: '#cfc6bb' },
	night: { bg: '#0e1621', sea: '#08101a', coast: '#2b3a4e', park: '#15261b', water: '#0f2a44', landuse: '#141d29', building: '#1f2a38', minor: '#2c3a4d', major: '#4a5a70', path: '#26313f', rail: '#3a4658', text: '#c9d3df', halo: '#0e1621', casing: '#0b111a' }
} as const;
export type Palette = (typeof PALETTE)[Theme];

export const FONT = ['Noto Sans Regular'];
export const GLYPHS = '/basemap/glyphs/{fontstack}/{range}.pbf';
export const LAND_URL = '/basemap/land.geojson';
export const LAND_CREDIT = 'Land outline: <a href="https://www.naturalearthdata.com/">Natural Earth</a>';
export const OSM_CREDIT = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';
const polygonOf = ([w, s, e, n]: Bounds): GeoJSON.Feature => ({
	type: 'Feature',
	properties: {},
	geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }
});

/**
 * Sea, the land outline, and (unless the detailed map draws its own land, as Protomaps' `earth`
 * does) the detailed map's coverage filled as land: inside it the file's own water layers draw
 * the coast, which the simplified outline only approximates.
 */
export function underlay(c: Palette, coverage: Coverage, fillCoverage: boolean): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
	const sources: Record<string, SourceSpecification> = {
		land: { type: 'geojson', data: LAND_URL, attribution: LAND_CREDIT },
		coverage: { type: 'geojson', data: polygonOf(coverage.bounds) }
	};
	const layers: LayerSpecification[] = [
		{ id: 'background', type: 'background', paint: { 'background-color': c.sea } },
		{ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': c.bg } },
		{ id: 'land-outline', type: 'line', source: 'land', paint: { 'line-color': c.coast, 'line-width': 0.8 } }
	];
	if (fillCoverage) layers.push({ id: 'coverage', type: 'fill', source: 'coverage', minzoom: coverage.minzoom, paint: { 'fill-color': c.bg } });
	return { sources, layers };
}

export function frame(name: string, sources: Record<string, SourceSpecification>, layers: LayerSpecification[], coverage: Coverage): StyleSpecification {
	return { version: 8, name, glyphs: GLYPHS, metadata: { [COVERAGE_KEY]: coverage }, sources, layers };
}

type Filter = FilterSpecification;
const width = (a: number, b: number) => ['interpolate', ['exponential', 1.5], ['zoom'], 12, a, 18, b] as unknown as number;

/** A road drawn as a line: `kind` picks colour and width, the filter picks the features. */
export function road(id: string, source: string, sourceLayer: string, filter: Filter, c: Palette, kind: 'motorway' | 'major' | 'minor' | 'path' | 'rail'): LayerSpecification {
	const paint =
		kind === 'path'
			? { 'line-color': c.path, 'line-width': 1.2, 'line-dasharray': [2, 1] }
			: kind === 'rail'
				? { 'line-color': c.rail, 'line-width': 1.5, 'line-dasharray': [3, 2] }
				: { 'line-color': kind === 'minor' ? c.minor : c.major, 'line-width': kind === 'motorway' ? width(2.5, 18) : kind === 'major' ? width(1.8, 14) : width(0.8, 10) };
	return { id, type: 'line', source, 'source-layer': sourceLayer, filter, layout: { 'line-cap': 'round', 'line-join': 'round' }, paint } as LayerSpecification;
}

export function fill(id: string, source: string, sourceLayer: string, color: string, filter?: Filter, minzoom = 0): LayerSpecification {
	return { id, type: 'fill', source, 'source-layer': sourceLayer, minzoom, ...(filter ? { filter } : {}), paint: { 'fill-color': color } } as LayerSpecification;
}

/** A label along a line (streets) or at a point (places, points of interest). */
export function label(id: string, source: string, sourceLayer: string, field: string, c: Palette, opts: { line?: boolean; minzoom?: number; maxzoom?: number; filter?: Filter; size?: number } = {}): LayerSpecification {
	return {
		id,
		type: 'symbol',
		source,
		'source-layer': sourceLayer,
		minzoom: opts.minzoom ?? 0,
		maxzoom: opts.maxzoom ?? 24,
		...(opts.filter ? { filter: opts.filter } : {}),
		layout: {
			...(opts.line ? { 'symbol-placement': 'line' } : {}),
			'text-field': ['get', field],
			'text-font': FONT,
			'text-size': opts.size ?? ['interpolate', ['linear'], ['zoom'], 14, 10, 18, 14]
		},
		paint: { 'text-color': c.text, 'text-halo-color': c.halo, 'text-halo-width': 1.5 }
	} as LayerSpecification;
}

/** The file's own credit as plain text (it is shown as HTML, and the file is not ours), or ours. */
export function credit(fromFile: string | null, fallback: string): string {
	const text = fromFile
		?.replace(/<[^>]*>/g, '')
		.replace(/&copy;/g, '©')
		.replace(/&[a-z]+;|[<>&"]/g, '')
		.trim();
	return text ? text : fallback;
}
