// The bundled offline base map: central Oxford from OpenStreetMap as one GeoJSON source (built by
// `cli basemap build --out static/basemap`), the map when no BASEMAP_TILES is set.
import type { FilterSpecification, StyleSpecification } from 'maplibre-gl';
import type { Theme } from '#lib/map/basemap-style.ts';
import type { Bounds } from '../archive.ts';
import { frame, OSM_CREDIT, PALETTE, underlay, type Coverage } from './common.ts';

/** The extent of static/basemap/oxford.geojson (a unit test holds it to the file). */
export const OXFORD_BOUNDS: Bounds = [-1.272561, 51.749166, -1.247648, 51.768152];

export function oxfordStyle(theme: Theme): StyleSpecification {
	const c = PALETTE[theme];
	const coverage: Coverage = { bounds: OXFORD_BOUNDS, minzoom: 0, kind: 'bundled' };
	const base = underlay(c, coverage, true);
	const kind = (k: string) => ['==', ['get', 'kind'], k] as ['==', ['get', string], string];
	const road = (cls: string): FilterSpecification => ['all', kind('road'), ['==', ['get', 'class'], cls]];
	return frame(
		`Hotspot Patrol offline (${theme})`,
		{ ...base.sources, osm: { type: 'geojson', data: '/basemap/oxford.geojson', attribution: OSM_CREDIT } },
		[
			...base.layers,
			{ id: 'landuse', type: 'fill', source: 'osm', filter: kind('landuse'), paint: { 'fill-color': c.landuse } },
			{ id: 'park', type: 'fill', source: 'osm', filter: kind('park'), paint: { 'fill-color': c.park } },
			{ id: 'water', type: 'fill', source: 'osm', filter: kind('water'), paint: { 'fill-color': c.water } },
			{ id: 'water-line', type: 'line', source: 'osm', filter: kind('water-line'), paint: { 'line-color': c.water, 'line-width': 3 } },
			{ id: 'building', type: 'fill', source: 'osm', filter: kind('building'), paint: { 'fill-color': c.building, 'fill-outline-color': c.casing } },
			{ id: 'road-path', type: 'line', source: 'osm', filter: road('path'), paint: { 'line-color': c.path, 'line-width': 1.5, 'line-dasharray': [2, 1] } },
			{
				id: 'road-minor',
				type: 'line',
				source: 'osm',
				filter: road('minor'),
				layout: { 'line-cap': 'round', 'line-join': 'round' },
				paint: { 'line-color': c.minor, 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 2, 18, 10] }
			},
			{
				id: 'road-major',
				type: 'line',
				source: 'osm',
				filter: road('major'),
				layout: { 'line-cap': 'round', 'line-join': 'round' },
				paint: { 'line-color': c.major, 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 3, 18, 14] }
			},
			{
				id: 'road-label',
				type: 'symbol',
				source: 'osm',
				filter: ['all', kind('road'), ['has', 'name']],
				layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'], 'text-size': ['interpolate', ['linear'], ['zoom'], 15, 10, 18, 14] },
				paint: { 'text-color': c.text, 'text-halo-color': c.halo, 'text-halo-width': 1.5 }
			},
			{
				id: 'poi-label',
				type: 'symbol',
				source: 'osm',
				minzoom: 17,
				filter: kind('poi'),
				layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'], 'text-size': 11 },
				paint: { 'text-color': c.text, 'text-halo-color': c.halo, 'text-halo-width': 1.2 }
			}
		],
		coverage
	);
}
