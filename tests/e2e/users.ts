import type { Role } from '../../src/lib/server/db/schema.ts';

export const E2E_USERS: { username: string; role: Role; password: string; callsign?: string; displayName?: string }[] = [
	{ username: 'pc-ada', role: 'officer', password: 'e2e-pass', callsign: 'TV-101', displayName: 'PC Ada' },
	// the officer's day walks its own officer, whose record no other spec touches (devices.e2e puts
	// pc-ada on duty with tracker fixes at Carfax, which a full run left in her engine before the walk)
	{ username: 'pc-fay', role: 'officer', password: 'e2e-pass', callsign: 'TV-103', displayName: 'PC Fay' },
	{ username: 'sgt-bo', role: 'supervisor', password: 'e2e-pass', displayName: 'Sgt Bo' },
	{ username: 'insp-cy', role: 'commander', password: 'e2e-pass' },
	{ username: 'an-di', role: 'analyst', password: 'e2e-pass' },
	{ username: 'adm-ed', role: 'admin', password: 'e2e-pass' }
];
