// What publishing a set changes for officers and the control room: which hot spots are new,
// which go, which stay. Hot spot ids belong to their set, so places are matched by key (the same
// seed cell on the same grid) or, across grids and cell sizes, by one's centre lying in the other.
import { pointInPolygon, type LonLat, type PolygonCoords } from '../geo/geo.ts';

export interface Place {
	key: string;
	name: string;
	polygon: PolygonCoords;
	centroid: LonLat;
}

export interface PublishDiff<T extends Place> {
	added: T[];
	removed: T[];
	/** draft hot spots matching a live one, with the live one they replace */
	kept: { next: T; live: T }[];
}

export function publishDiff<T extends Place>(live: T[], next: T[]): PublishDiff<T> {
	const taken = new Set<number>();
	const kept: { next: T; live: T }[] = [];
	const added: T[] = [];
	const byKey = new Map(live.map((h, i) => [h.key, i]));
	for (const n of next) {
		let match = byKey.get(n.key);
		if (match !== undefined && taken.has(match)) match = undefined;
		if (match === undefined) {
			const i = live.findIndex(
				(l, i) => !taken.has(i) && (pointInPolygon(n.centroid[0], n.centroid[1], l.polygon) || pointInPolygon(l.centroid[0], l.centroid[1], n.polygon))
			);
			if (i >= 0) match = i;
		}
		if (match === undefined) added.push(n);
		else {
			taken.add(match);
			kept.push({ next: n, live: live[match] });
		}
	}
	return { added, removed: live.filter((_, i) => !taken.has(i)), kept };
}
