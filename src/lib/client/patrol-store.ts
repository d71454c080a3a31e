// A patrol survives a reload, or the phone reopening the app: it is kept in the phone's storage.

export interface Patrol {
	hotspot: number;
	since: number;
}

const PATROL_KEY = 'hotspot-patrol:patrol';

export function loadPatrol(now: number): Patrol | null {
	try {
		const saved = JSON.parse(localStorage.getItem(PATROL_KEY) ?? 'null');
		// a patrol saved more than 4 hours ago is over, whatever the phone remembers
		return saved && typeof saved.hotspot === 'number' && now - saved.since < 4 * 3600_000 ? saved : null;
	} catch {
		// no storage: patrols simply do not survive a reload
		return null;
	}
}

export function savePatrol(patrol: Patrol | null): void {
	try {
		if (patrol) localStorage.setItem(PATROL_KEY, JSON.stringify(patrol));
		else localStorage.removeItem(PATROL_KEY);
	} catch {
		// private browsing without storage
	}
}
