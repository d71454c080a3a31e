// Reading projected coordinates: a mapping names its coordinate system ("crs": "EPSG:2263") and
// each row's x/y becomes WGS 84 lon/lat through proj4, or is refused when it lands outside the
// system's area of use — a State Plane file read as British National Grid put Chicago's hot spots
// in Wiltshire without a word. Pure: proj4 is arithmetic, the definitions are data.
import proj4 from 'proj4';
import { CRS_DEFINITIONS, type Area, type CrsDefinition } from './crs-definitions.ts';

export interface Crs {
	code: string;
	name: string;
	geographic: boolean;
	area: Area;
	/** [lon, lat] in WGS 84, or a reason the point cannot be in this system */
	toLonLat(x: number, y: number): [number, number] | string;
}

const byCode = new Map(CRS_DEFINITIONS.map((d) => [d.code, d]));
const cache = new Map<number, Crs>();

/** The "EPSG:n" codes supported, for messages. */
export const CRS_FAMILIES =
	'EPSG:27700 (British National Grid), EPSG:4326 (WGS 84), EPSG:29902/29903/2157 (Irish grids), EPSG:3857 (Web Mercator), ' +
	'UTM (326zz, 327zz, 258zz, 269zz) and NAD83 State Plane zones in metres or feet (e.g. EPSG:2263, 3435, 2274, 32123)';

/** Parses "EPSG:2263" (or "epsg:2263", "2263"); null when not a supported system. */
export function findCrs(text: string): Crs | null {
	const m = /^\s*(?:EPSG:)?(\d{4,5})\s*$/i.exec(text);
	if (!m) return null;
	const code = Number(m[1]);
	const def = byCode.get(code);
	if (!def) return null;
	let crs = cache.get(code);
	if (!crs) cache.set(code, (crs = build(def)));
	return crs;
}

function build(def: CrsDefinition): Crs {
	const geographic = def.proj4.startsWith('+proj=longlat');
	const convert = geographic ? null : proj4(def.proj4, 'WGS84');
	const [w, s, e, n] = def.area;
	const lo = { w: w - def.margin, s: s - def.margin, e: e + def.margin, n: n + def.margin };
	const name = `EPSG:${def.code} (${def.name})`;
	return {
		code: `EPSG:${def.code}`,
		name: def.name,
		geographic,
		area: def.area,
		toLonLat(x, y) {
			if (!Number.isFinite(x) || !Number.isFinite(y)) return 'not a pair of numbers';
			const b = def.bounds;
			if (b && !(x >= b[0] && y >= b[1] && x <= b[2] && y <= b[3])) return `outside the area of ${name} (its grid runs ${b[0]}–${b[2]} by ${b[1]}–${b[3]})`;
			let lon = x;
			let lat = y;
			if (convert) {
				try {
					[lon, lat] = convert.forward([x, y]);
				} catch {
					return `outside ${name}`;
				}
			}
			if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < lo.w || lon > lo.e || lat < lo.s || lat > lo.n) {
				const where = Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lat) <= 90 ? ` (it would be at ${lat.toFixed(3)}, ${lon.toFixed(3)})` : '';
				return `outside the area of ${name}${where}`;
			}
			return [lon, lat];
		}
	};
}
