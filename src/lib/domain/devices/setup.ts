// The settings a tracker app needs to report to this server, from its public address. Traccar
// Client's QR scanner (traccar/traccar-client, qr_code_screen.dart) takes the server URL from a
// scanned http(s) link's origin and path and its settings from the query (id, interval, distance,
// accuracy). OwnTracks takes a configuration file as owntracks:///config?inline=<base64 JSON>
// (owntracks.org/booklet/features/remoteconfig); mode 3 is HTTP.

/** Every 5 s and at any distance: the app's defaults (minutes) leave visits mostly unknown. */
export const TRACKER_INTERVAL_S = 5;

export interface TrackerSettings {
	traccar: { serverUrl: string; deviceId: string; intervalS: number; distanceM: number; qrText: string };
	owntracks: { url: string; username: string; password: string; link: string };
}

export function trackerSettings(origin: string, callsign: string, token: string): TrackerSettings {
	const base = origin.replace(/\/+$/, '');
	const serverUrl = `${base}/api/devices/osmand`;
	const query = new URLSearchParams({ id: token, interval: String(TRACKER_INTERVAL_S), distance: '0', accuracy: 'high' });
	const url = `${base}/api/devices/owntracks`;
	const config = { _type: 'configuration', mode: 3, url, auth: true, username: callsign, password: token };
	return {
		traccar: { serverUrl, deviceId: token, intervalS: TRACKER_INTERVAL_S, distanceM: 0, qrText: `${serverUrl}?${query}` },
		owntracks: { url, username: callsign, password: token, link: `owntracks:///config?inline=${base64(JSON.stringify(config))}` }
	};
}

function base64(text: string): string {
	return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}
