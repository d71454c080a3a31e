// What detection takes and gives: its options with their defaults (docs/hotspots.md, Detection),
// and its result.
import type { PolygonCoords } from '../geo/geo.ts';
import type { Concentration } from './concentration.ts';
import type { CellShape } from './grid.ts';
import type { HotspotFeature } from './types.ts';

export interface DetectOptions {
	/** cell size in metres: a square's side or a hexagon's side (docs/hotspots.md, Detection 2: 150 m squares) */
	cellM: number;
	shape: CellShape;
	/** docs/hotspots.md, Detection 1: 12 months; 3–24 allowed */
	lookbackMonths: number;
	/** end of the look-back (epoch ms, inclusive); default the latest record */
	until: number | null;
	/** categories to use; null = every category except `excluded` */
	types: string[] | null;
	/** proactively found offences (drugs), left out unless named in `types` */
	excluded: string[];
	metric: 'harm' | 'count';
	/** FDR level */
	alpha: number;
	maxCells: number;
	/**
	 * a hot spot must hold at least this many records: Gi*'s normal approximation overstates
	 * significance on sparse counts (two robberies in one cell of an empty city look "significant")
	 */
	minCrimes: number;
	top: number | null;
	tz: string;
	windows: 'auto' | 'day-night' | 'profile';
	/** the force's area (lon/lat polygons); default the convex hull of the records' cells */
	area: PolygonCoords[] | null;
	/** places where patrols make no sense: records and cells inside are left out */
	exclusions: PolygonCoords[];
}

export const DETECT_DEFAULTS: DetectOptions = {
	cellM: 150,
	shape: 'square',
	lookbackMonths: 12,
	until: null,
	types: null,
	excluded: ['Drugs'],
	metric: 'harm',
	alpha: 0.05,
	maxCells: 4,
	minCrimes: 5,
	top: null,
	tz: 'Europe/London',
	windows: 'auto',
	area: null,
	exclusions: []
};

export interface DetectResult {
	hotspots: HotspotFeature[];
	concentration: Concentration;
	study: {
		records: number;
		cells: number;
		from: string;
		to: string;
		totalHarm: number;
		totalCrimes: number;
		timed: boolean;
		/** hot spots found significant (and holding at least `minCrimes`) before `top` kept the strongest */
		significant: number;
	};
}
