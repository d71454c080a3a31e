// British National Grid (OSGB36 / EPSG:27700) easting/northing to WGS84 lon/lat, for force
// exports that carry grid references. proj4 with the OS's published 7-parameter Helmert
// transformation: accurate to a few metres, well inside a 150 m cell (OSTN15 would give
// centimetres, which hot spots do not need).
import proj4 from 'proj4';

const BNG =
	'+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
	'+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';
const toWgs84 = proj4(BNG, 'WGS84');

/** Easting/northing in metres to [lon, lat], or null outside the grid's range. */
export function bngToLonLat(easting: number, northing: number): [number, number] | null {
	if (!(easting >= 0 && easting <= 700_000 && northing >= 0 && northing <= 1_300_000)) return null;
	const [lon, lat] = toWgs84.forward([easting, northing]);
	return [lon, lat];
}

export function lonLatToBng(lon: number, lat: number): [number, number] {
	const [e, n] = toWgs84.inverse([lon, lat]);
	return [e, n];
}
