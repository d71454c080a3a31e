import type { HotspotState } from '../realtime/contract.ts';

// hot spot states: read from across a room, and apart for red–green colour blindness
export const STATE_COLOURS: Record<HotspotState, string> = {
	'not-live': '#8a94a6',
	'needs-dose': '#e08a00',
	present: '#1f6feb',
	dosed: '#2e9e5b',
	gap: '#d1242f'
};

export const STATE_LABELS: Record<HotspotState, string> = {
	'not-live': 'Not live now',
	'needs-dose': 'Needs a dose',
	present: 'Officer present',
	dosed: 'Dosed',
	gap: 'Gap — overdue'
};
