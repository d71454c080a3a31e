// Coordinate reference systems a mapping may name in "crs", as proj4 definitions with their area
// of use (lon/lat box: west, south, east, north). Source: the EPSG Geodetic Parameter Registry as
// published by epsg.io, taken from the npm package epsg-index 2.0.0 (s/<code>.json: proj4, bbox),
// except British National Grid, which keeps the OS's published 7-parameter Helmert
// transformation (the registry's string needs the OSTN15 grid file, which proj4js lacks).
// NAD83 is taken as WGS84 (+towgs84=0…, within about a metre; hot spot cells are 150 m).
// The US State Plane zones are a table of their own, in crs-state-plane.ts.
import { STATE_PLANE } from './crs-state-plane.ts';

export type Area = [west: number, south: number, east: number, north: number];

export interface CrsDefinition {
	code: number;
	name: string;
	proj4: string;
	area: Area;
	/** how far outside the area of use (degrees) a point may still be read: zones are used a little beyond their edges */
	margin: number;
	/** the grid's own extent (x from, y from, x to, y to), where the registry gives one */
	bounds?: [number, number, number, number];
}

const GRS80 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';

const NAMED: CrsDefinition[] = [
	{
		code: 27700,
		name: 'OSGB36 / British National Grid',
		proj4: '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs',
		area: [-9, 49.75, 2.01, 61.01],
		margin: 0.25,
		bounds: [0, 0, 700_000, 1_300_000]
	},
	{ code: 4326, name: 'WGS 84 (longitude, latitude)', proj4: '+proj=longlat +datum=WGS84 +no_defs', area: [-180, -90, 180, 90], margin: 0 },
	{ code: 4258, name: 'ETRS89 (longitude, latitude)', proj4: `+proj=longlat ${GRS80} +no_defs`, area: [-16.1, 32.88, 40.18, 84.73], margin: 0.25 },
	{ code: 4269, name: 'NAD83 (longitude, latitude)', proj4: `+proj=longlat ${GRS80} +no_defs`, area: [-180, 14.92, -40.73, 86.45], margin: 0.25 },
	{
		code: 3857,
		name: 'WGS 84 / Pseudo-Mercator (Web Mercator)',
		proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
		area: [-180, -85.06, 180, 85.06],
		margin: 0
	},
	{
		code: 29902,
		name: 'TM65 / Irish Grid',
		proj4: '+proj=tmerc +lat_0=53.5 +lon_0=-8 +k=1.000035 +x_0=200000 +y_0=250000 +a=6377340.189 +rf=299.3249646 +towgs84=482.5,-130.6,564.6,-1.042,-0.214,-0.631,8.15 +units=m +no_defs',
		area: [-10.56, 51.39, -5.93, 55.43],
		margin: 0.25
	},
	{
		code: 29903,
		name: 'TM75 / Irish Grid',
		proj4: '+proj=tmerc +lat_0=53.5 +lon_0=-8 +k=1.000035 +x_0=200000 +y_0=250000 +a=6377340.189 +rf=299.3249646 +towgs84=482.5,-130.6,564.6,-1.042,-0.214,-0.631,8.15 +units=m +no_defs',
		area: [-10.56, 51.39, -5.34, 55.43],
		margin: 0.25
	},
	{
		code: 2157,
		name: 'IRENET95 / Irish Transverse Mercator',
		proj4: `+proj=tmerc +lat_0=53.5 +lon_0=-8 +k=0.99982 +x_0=600000 +y_0=750000 ${GRS80} +units=m +no_defs`,
		area: [-10.56, 51.39, -5.34, 55.43],
		margin: 0.25
	}
];

/** UTM zones: WGS 84 north (326zz) and south (327zz), ETRS89 (258zz, zones 28–38), NAD83 (269zz, zones 1–23). */
function utm(): CrsDefinition[] {
	const out: CrsDefinition[] = [];
	const band = (z: number): [number, number] => [-180 + 6 * (z - 1), -180 + 6 * z];
	for (let z = 1; z <= 60; z++) {
		const [w, e] = band(z);
		// a force or city near a zone's edge often stays in one zone: 3° either side keeps scale error under 0.2 %
		out.push({ code: 32600 + z, name: `WGS 84 / UTM zone ${z}N`, proj4: `+proj=utm +zone=${z} +datum=WGS84 +units=m +no_defs`, area: [w, 0, e, 84], margin: 3 });
		out.push({ code: 32700 + z, name: `WGS 84 / UTM zone ${z}S`, proj4: `+proj=utm +zone=${z} +south +datum=WGS84 +units=m +no_defs`, area: [w, -80, e, 0], margin: 3 });
	}
	for (let z = 28; z <= 38; z++) {
		const [w, e] = band(z);
		out.push({ code: 25800 + z, name: `ETRS89 / UTM zone ${z}N`, proj4: `+proj=utm +zone=${z} ${GRS80} +units=m +no_defs`, area: [w, 34, e, 84], margin: 3 });
	}
	for (let z = 1; z <= 23; z++) {
		const [w, e] = band(z);
		out.push({ code: 26900 + z, name: `NAD83 / UTM zone ${z}N`, proj4: `+proj=utm +zone=${z} ${GRS80} +units=m +no_defs`, area: [w, 14, e, 84], margin: 3 });
	}
	return out;
}

export const CRS_DEFINITIONS: CrsDefinition[] = [
	...NAMED,
	...utm(),
	...STATE_PLANE.map(([code, zone, units, params, area]) => ({
		code,
		name: `NAD83 / ${zone}`,
		proj4: `+proj=${params} ${GRS80} +units=${units} +no_defs`,
		area,
		margin: 0.25
	}))
];
