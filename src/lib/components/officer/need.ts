// What an officer needs to know of a hot spot's state, in their words (docs/presence.md rule 10).
import type { HotspotState } from '../../realtime/contract.ts';

export const NEED_LABEL: Record<HotspotState, string> = {
	gap: 'Overdue — needs a visit now',
	'needs-dose': 'Needs a visit',
	present: 'An officer is there',
	dosed: 'Visited this window',
	'not-live': 'Not live now'
};

export function distanceText(m: number | null): string {
	if (m === null) return '—';
	return m < 1000 ? `${Math.round(m / 10) * 10} m` : `${(m / 1000).toFixed(1)} km`;
}

export function clockTime(t: number): string {
	return new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
