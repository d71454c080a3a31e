// The walking skeleton's hot spots: a plain ranking of 150 m grid cells by harm. The full engine
// (Gi*, FDR, merging, windows from profiles) replaces this in detect.ts.
import { bbox, localProjection, project, unproject, type LonLat } from '../geo/geo.ts';
import type { CrimePoint, HotspotFeature, Window } from './types.ts';

export interface GridRankOptions {
	cellM: number;
	top: number;
	harm: (category: string) => number;
	windows: Window[];
}

export function gridRank(points: CrimePoint[], opts: GridRankOptions): HotspotFeature[] {
	if (points.length === 0) return [];
	const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
	const proj = localProjection(lat0);
	const cells = new Map<string, { i: number; j: number; crimes: number; harm: number; byType: Map<string, number>; places: Map<string, number> }>();
	for (const p of points) {
		const [x, y] = project(proj, p.lon, p.lat);
		const i = Math.floor(x / opts.cellM);
		const j = Math.floor(y / opts.cellM);
		const k = `${i}:${j}`;
		let c = cells.get(k);
		if (!c) cells.set(k, (c = { i, j, crimes: 0, harm: 0, byType: new Map(), places: new Map() }));
		c.crimes++;
		c.harm += opts.harm(p.category);
		c.byType.set(p.category, (c.byType.get(p.category) ?? 0) + 1);
		const place = placeName(p.location);
		if (place) c.places.set(place, (c.places.get(place) ?? 0) + 1);
	}
	const ranked = [...cells.values()]
		.filter((c) => c.harm > 0)
		.sort((a, b) => b.harm - a.harm || b.crimes - a.crimes || a.i - b.i || a.j - b.j)
		.slice(0, opts.top);
	return ranked.map((c, n) => {
		const x0 = c.i * opts.cellM;
		const y0 = c.j * opts.cellM;
		const ring: LonLat[] = [
			unproject(proj, x0, y0),
			unproject(proj, x0 + opts.cellM, y0),
			unproject(proj, x0 + opts.cellM, y0 + opts.cellM),
			unproject(proj, x0, y0 + opts.cellM),
			unproject(proj, x0, y0)
		];
		const polygon = [ring];
		const top = [...c.byType.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
		return {
			key: `g${opts.cellM}-${c.i}-${c.j}`,
			rank: n + 1,
			name: [...c.places.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? `Hot spot ${n + 1}`,
			polygon,
			centroid: unproject(proj, x0 + opts.cellM / 2, y0 + opts.cellM / 2),
			bbox: bbox(polygon),
			crimes: c.crimes,
			harm: c.harm,
			z: 0,
			p: 1,
			windows: opts.windows,
			why: `${c.crimes} crimes recorded here, harm ${Math.round(c.harm)} days: ${top.map(([t, k]) => `${k} ${t.toLowerCase()}`).join(', ')}.`
		};
	});
}

/** "On or near Park End Street" → "Park End Street"; police.uk's generic places say nothing. */
export function placeName(location: string | null | undefined): string | null {
	if (!location) return null;
	const name = location.replace(/^On or near\s+/i, '').trim();
	if (!name || /^(Parking Area|Supermarket|Petrol Station|Park\/Open Space|Shopping Area|Nightclub|Sports\/Recreation Area|Further\/Higher Educational Building|Hospital|Police Station|Theatre\/Concert Hall|Conference\/Exhibition Centre)$/i.test(name)) return null;
	return name;
}
