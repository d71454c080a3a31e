import { describe, expect, it } from 'vitest';
import { omtFeatures } from './omt-features.ts';

const line = { type: 'LineString', coordinates: [[-1.258, 51.752], [-1.257, 51.753]] };
const square = { type: 'Polygon', coordinates: [[[-1.258, 51.752], [-1.257, 51.752], [-1.257, 51.753], [-1.258, 51.752]]] };
const point = { type: 'Point', coordinates: [-1.258, 51.752] };
const osm = (geometry: { type: string; coordinates: unknown }, properties: Record<string, unknown>) => omtFeatures({ geometry, properties });

describe('omtFeatures from OpenStreetMap tags', () => {
	it('puts a named road in transportation and its name in transportation_name', () => {
		const out = osm(line, { highway: 'primary_link', name: 'High Street' });
		expect(out.map((f) => [f.layer, f.properties])).toEqual([
			['transportation', { class: 'primary' }],
			['transportation_name', { class: 'primary', name: 'High Street' }]
		]);
		expect(osm(line, { highway: 'footway' })[0].properties.class).toBe('path');
		expect(osm(line, { highway: 'residential' })[0].properties.class).toBe('minor');
		expect(osm(line, { railway: 'rail' })[0].properties.class).toBe('rail');
		expect(osm(line, { waterway: 'river', name: 'Cherwell' })[0]).toMatchObject({ layer: 'waterway', properties: { class: 'river', name: 'Cherwell' } });
	});

	it('sorts areas the way OpenMapTiles does', () => {
		expect(osm(square, { building: 'yes' })[0].layer).toBe('building');
		expect(osm(square, { building: 'no', landuse: 'retail' })[0]).toMatchObject({ layer: 'landuse', properties: { class: 'retail' } });
		expect(osm(square, { natural: 'water' })[0]).toMatchObject({ layer: 'water', properties: { class: 'lake' } });
		expect(osm(square, { leisure: 'park' })[0]).toMatchObject({ layer: 'park', properties: { class: 'park' } });
		expect(osm(square, { landuse: 'forest' })[0]).toMatchObject({ layer: 'landcover', properties: { class: 'wood' } });
		expect(osm(square, { landuse: 'meadow' })[0]).toMatchObject({ layer: 'landcover', properties: { class: 'grass' } });
		expect(osm(square, { highway: 'pedestrian' })[0]).toMatchObject({ layer: 'landuse', properties: { class: 'pedestrian' } });
	});

	it('keeps named shops and amenities as points of interest, and drops what the map does not draw', () => {
		expect(osm(point, { amenity: 'pub', name: 'The Eagle and Child' })).toEqual([{ layer: 'poi', geometry: point, properties: { class: 'pub', name: 'The Eagle and Child' } }]);
		expect(osm(point, { amenity: 'bench' })).toEqual([]);
		expect(osm(line, { barrier: 'wall' })).toEqual([]);
		expect(omtFeatures({ geometry: null, properties: { highway: 'primary' } })).toEqual([]);
	});
});

describe('omtFeatures from the slim bundled extract', () => {
	it('reads kind and class', () => {
		expect(osm(line, { kind: 'road', class: 'major', name: 'Broad Street' }).map((f) => f.properties)).toEqual([{ class: 'secondary' }, { class: 'secondary', name: 'Broad Street' }]);
		expect(osm(line, { kind: 'road', class: 'path' })[0].properties.class).toBe('path');
		expect(osm(square, { kind: 'building' })[0].layer).toBe('building');
		expect(osm(square, { kind: 'park' })[0].layer).toBe('park');
		expect(osm(square, { kind: 'landuse', class: 'university' })[0].properties).toEqual({ class: 'university' });
		expect(osm(point, { kind: 'poi', class: 'cafe', name: 'Vaults' })[0].properties).toEqual({ class: 'cafe', name: 'Vaults' });
	});
});
