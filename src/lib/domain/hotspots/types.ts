import type { PolygonCoords } from '../geo/geo.ts';

/** When a hot spot is live: ISO weekdays (1 = Monday) and a local time range; `to` ≤ `from` runs past midnight. */
export interface Window {
	days: number[];
	from: string;
	to: string;
	tz: string;
}

/** One crime record as detection sees it. */
export interface CrimePoint {
	lon: number;
	lat: number;
	category: string;
	/** exact time, epoch ms, when the source has one */
	t: number | null;
	/** YYYY-MM */
	month: string;
	/** street-level description, e.g. police.uk's "On or near Park End Street" */
	location?: string | null;
}

export interface HotspotFeature {
	key: string;
	rank: number;
	name: string;
	polygon: PolygonCoords;
	centroid: [number, number];
	bbox: [number, number, number, number];
	crimes: number;
	harm: number;
	z: number;
	p: number;
	windows: Window[];
	why: string;
}
