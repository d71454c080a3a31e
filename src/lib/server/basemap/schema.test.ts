import { describe, expect, it } from 'vitest';
import { detectSchema, schemaOf } from './schema.ts';

// layer lists as the files' metadata gives them
const OPENMAPTILES = ['water', 'waterway', 'landcover', 'landuse', 'mountain_peak', 'park', 'boundary', 'aeroway', 'transportation', 'building', 'water_name', 'transportation_name', 'place', 'housenumber', 'poi', 'aerodrome_label'];
const BUILT_HERE = ['water', 'waterway', 'landuse', 'park', 'transportation', 'building', 'transportation_name', 'poi'];
const ZOOMSTACK = ['airports', 'boundaries', 'contours', 'district_buildings', 'etl', 'foreshore', 'greenspace', 'land', 'local_buildings', 'names', 'national_parks', 'rail', 'railway_stations', 'roads', 'sea', 'sites', 'surfacewater', 'urban_areas', 'waterlines', 'woodland'];
const PROTOMAPS = ['boundaries', 'buildings', 'earth', 'landcover', 'landuse', 'places', 'pois', 'roads', 'transit', 'water'];

describe('detectSchema', () => {
	it('knows each schema by its layer names', () => {
		expect(detectSchema(OPENMAPTILES)).toBe('openmaptiles');
		expect(detectSchema(BUILT_HERE)).toBe('openmaptiles');
		expect(detectSchema(ZOOMSTACK)).toBe('zoomstack');
		expect(detectSchema(PROTOMAPS)).toBe('protomaps');
	});

	it('tells Zoomstack and Protomaps apart though both have roads', () => {
		expect(detectSchema(['roads', 'names'])).toBe('zoomstack');
		expect(detectSchema(['roads', 'pois'])).toBe('protomaps');
		expect(detectSchema(['roads'])).toBeNull();
	});

	it('names the layers it found when none fits', () => {
		expect(() => schemaOf(['hillshade', 'contour'])).toThrow(/BASEMAP_TILES: its layers \(hillshade, contour\) match no style here: OpenMapTiles/);
		expect(() => schemaOf([])).toThrow(/its metadata lists no vector layers/);
	});
});
