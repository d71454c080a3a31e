// The phone's position, from the browser's Geolocation API: a continuous watch while the page is
// open, and a heartbeat that asks for a fresh fix, because a phone standing still may report
// nothing and the control room must still see the officer there.

export interface Position {
	lat: number;
	lon: number;
	accuracy: number;
	t: number;
	speed: number | null;
	heading: number | null;
}

function toPosition(p: GeolocationPosition): Position {
	return {
		lat: p.coords.latitude,
		lon: p.coords.longitude,
		accuracy: p.coords.accuracy,
		t: p.timestamp,
		speed: p.coords.speed,
		heading: p.coords.heading
	};
}

/** Watches the position until the returned function is called; problems come as messages for the officer. */
export function watchLocation(onPosition: (p: Position) => void, onError: (message: string) => void): () => void {
	if (!('geolocation' in navigator)) {
		onError('This browser cannot share its location.');
		return () => {};
	}
	const id = navigator.geolocation.watchPosition(
		(p) => onPosition(toPosition(p)),
		(e) => onError(e.code === e.PERMISSION_DENIED ? 'Location is blocked: allow it in the browser settings.' : e.message),
		{ enableHighAccuracy: true, maximumAge: 5000, timeout: 30_000 }
	);
	return () => navigator.geolocation.clearWatch(id);
}

/** A fresh position every `ms` until the returned interval is cleared. */
export function heartbeat(ms: number, onPosition: (p: Position) => void): ReturnType<typeof setInterval> {
	return setInterval(() => {
		navigator.geolocation?.getCurrentPosition(
			(p) => onPosition(toPosition(p)),
			() => {},
			{ enableHighAccuracy: true, maximumAge: 0, timeout: ms }
		);
	}, ms);
}
