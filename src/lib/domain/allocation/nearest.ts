// Who to send to a hot spot: the nearest officers with a position who are not already inside a
// hot spot (an officer delivering a dose elsewhere is not free). Used by the gap alerts the
// server publishes and by the control room, which re-ranks them as officers move.
import { haversine, type LonLat } from '../geo/geo.ts';

export interface Placed {
	officer: number;
	callsign: string;
	lon: number;
	lat: number;
}

export interface NearOfficer {
	officer: number;
	callsign: string;
	metres: number;
}

export function nearestFree(officers: Iterable<Placed>, busy: ReadonlySet<number>, to: LonLat, n = 3): NearOfficer[] {
	const out: NearOfficer[] = [];
	for (const o of officers) {
		if (busy.has(o.officer)) continue;
		out.push({ officer: o.officer, callsign: o.callsign, metres: Math.round(haversine([o.lon, o.lat], to)) });
	}
	return out.sort((a, b) => a.metres - b.metres || a.callsign.localeCompare(b.callsign)).slice(0, n);
}

/** "320 m", "1.4 km": distances as a supervisor reads them off a list. */
export function formatMetres(m: number): string {
	return m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`;
}
