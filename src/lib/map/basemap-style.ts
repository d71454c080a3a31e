// The bundled offline base map: central Oxford from OpenStreetMap as one GeoJSON source, with
// local glyphs. Nothing is fetched from the web. A force can point BASEMAP_STYLE at its own style
// (for example one over a local PMTiles file) instead.
import type { StyleSpecification } from 'maplibre-gl';

export type Theme = 'day' | 'night';

const PALETTE = {
	day: { bg: '#f2efe9', park: '#d8e8c8', water: '#a9cce3', landuse: '#ebe6dc', building: '#d9d0c7', minor: '#ffffff', major: '#fbe3a5', path: '#c9c2b8', text: '#3d3d3d', halo: '#ffffff', casing: '#cfc6bb' },
	night: { bg: '#0e1621', park: '#15261b', water: '#0f2a44', landuse: '#141d29', building: '#1f2a38', minor: '#2c3a4d', major: '#4a5a70', path: '#26313f', text: '#c9d3df', halo: '#0e1621', casing: '#0b111a' }
} as const;

export function basemapStyle(theme: Theme = 'day', origin = ''): StyleSpecification {
	const c = PALETTE[theme];
	return {
		version: 8,
		name: `Hotspot Patrol offline (${theme})`,
		glyphs: `${origin}/basemap/glyphs/{fontstack}/{range}.pbf`,
		sources: {
			osm: {
				type: 'geojson',
				data: `${origin}/basemap/oxford.geojson`,
				attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>'
			}
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': c.bg } },
			{ id: 'landuse', type: 'fill', source: 'osm', filter: ['==', ['get', 'kind'], 'landuse'], paint: { 'fill-color': c.landuse } },
			{ id: 'park', type: 'fill', source: 'osm', filter: ['==', ['get', 'kind'], 'park'], paint: { 'fill-color': c.park } },
			{ id: 'water', type: 'fill', source: 'osm', filter: ['==', ['get', 'kind'], 'water'], paint: { 'fill-color': c.water } },
			{ id: 'water-line', type: 'line', source: 'osm', filter: ['==', ['get', 'kind'], 'water-line'], paint: { 'line-color': c.water, 'line-width': 3 } },
			{ id: 'building', type: 'fill', source: 'osm', filter: ['==', ['get', 'kind'], 'building'], paint: { 'fill-color': c.building, 'fill-outline-color': c.casing } },
			{
				id: 'road-path',
				type: 'line',
				source: 'osm',
				filter: ['all', ['==', ['get', 'kind'], 'road'], ['==', ['get', 'class'], 'path']],
				paint: { 'line-color': c.path, 'line-width': 1.5, 'line-dasharray': [2, 1] }
			},
			{
				id: 'road-minor',
				type: 'line',
				source: 'osm',
				filter: ['all', ['==', ['get', 'kind'], 'road'], ['==', ['get', 'class'], 'minor']],
				layout: { 'line-cap': 'round', 'line-join': 'round' },
				paint: { 'line-color': c.minor, 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 2, 18, 10] }
			},
			{
				id: 'road-major',
				type: 'line',
				source: 'osm',
				filter: ['all', ['==', ['get', 'kind'], 'road'], ['==', ['get', 'class'], 'major']],
				layout: { 'line-cap': 'round', 'line-join': 'round' },
				paint: { 'line-color': c.major, 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 3, 18, 14] }
			},
			{
				id: 'road-label',
				type: 'symbol',
				source: 'osm',
				filter: ['all', ['==', ['get', 'kind'], 'road'], ['has', 'name']],
				layout: {
					'symbol-placement': 'line',
					'text-field': ['get', 'name'],
					'text-font': ['Noto Sans Regular'],
					'text-size': ['interpolate', ['linear'], ['zoom'], 15, 10, 18, 14]
				},
				paint: { 'text-color': c.text, 'text-halo-color': c.halo, 'text-halo-width': 1.5 }
			},
			{
				id: 'poi-label',
				type: 'symbol',
				source: 'osm',
				minzoom: 17,
				filter: ['==', ['get', 'kind'], 'poi'],
				layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'], 'text-size': 11 },
				paint: { 'text-color': c.text, 'text-halo-color': c.halo, 'text-halo-width': 1.2 }
			}
		]
	};
}
