// Demo data: accounts (password "demo", only ever in the demo database), a real slice of
// Thames Valley crime records for central Oxford, a first published hot spot set (the real
// detector, 100 m cells) and simulated officers.
import { hasPublishedSet } from '../db/queries/hotspots.ts';
import { revokeUserTokens } from '../db/queries/tokens.ts';
import { findUserIdByName } from '../db/queries/users.ts';
import type { Role } from '../db/schema.ts';
import type { BusDeps } from './deps.ts';
import { createToken, createUser } from './auth.ts';
import { DETECTION_DEFAULTS, publishSet, runDetection } from './detection.ts';
import { importFile } from './imports.ts';
import { CAPACITY_DEFAULTS, type Capacity } from '../../domain/hotspots/capacity.ts';

export const DEMO_TARGET_INTERVAL_S = 3600;

const DEMO_USERS: { username: string; role: Role; displayName: string; callsign?: string; team?: string }[] = [
	{ username: 'officer', role: 'officer', displayName: 'PC Demo Officer', callsign: 'TV-101', team: 'Oxford Centre' },
	{ username: 'supervisor', role: 'supervisor', displayName: 'Sgt Demo Supervisor' },
	{ username: 'commander', role: 'commander', displayName: 'Insp Demo Commander' },
	{ username: 'analyst', role: 'analyst', displayName: 'Demo Analyst' },
	{ username: 'admin', role: 'admin', displayName: 'Demo Admin' }
];

/**
 * Where the demo runs. Oxford: 1.7 km of the city centre, where 100 m cells give detection enough
 * places to compare. Thames Valley ([4/6]): the whole force's four months, 150 m cells, and the
 * capacity of a force that puts 12 officers on hot spot patrol a shift — 54 hot spots, where the
 * force's own trial ran 34.
 */
export interface DemoArea {
	setName: string;
	crimeFiles: string[];
	cellM: number;
	capacity: Capacity;
}

export const OXFORD_CAPACITY: Capacity = CAPACITY_DEFAULTS;
export const THAMES_VALLEY_CAPACITY: Capacity = { officers: 12, patrolsPerOfficer: 3, shiftsPerDay: 3, dosesPerHotspot: 2 };

export async function seedDemo(ctx: BusDeps, opts: { officers: number; crimeFile?: string; area?: DemoArea }) {
	const now = ctx.now();
	const area: DemoArea = opts.area ?? { setName: 'Oxford centre (demo)', crimeFiles: [opts.crimeFile!], cellM: 100, capacity: OXFORD_CAPACITY };
	for (const u of DEMO_USERS) {
		const exists = await findUserIdByName(ctx.db, u.username);
		if (!exists) await createUser(ctx.db, { ...u, password: 'demo' }, now);
	}
	for (const file of area.crimeFiles) {
		const report = await importFile(ctx.db, file, { now });
		if (report.status === 'failed') throw new Error(`demo crime records ${file}: ${report.error}`);
	}
	if (!(await hasPublishedSet(ctx.db))) {
		const { setId } = await runDetection(ctx, area.setName, { ...DETECTION_DEFAULTS, cellM: area.cellM, capacity: area.capacity }, null);
		// a dose every hour rather than every 4: a gap shows within an hour of a window opening,
		// so whoever tries the demo finds one to act on (the neglected hot spot, demo-patrol.ts)
		await publishSet(ctx, setId, DEMO_TARGET_INTERVAL_S);
	}
	const simOfficers: { callsign: string; token: string; id: number }[] = [];
	for (let i = 1; i <= opts.officers; i++) {
		const callsign = `SIM-${String(i).padStart(opts.officers > 99 ? 3 : 2, '0')}`;
		let user: { id: number } | undefined = await findUserIdByName(ctx.db, callsign.toLowerCase());
		if (!user) {
			user = await createUser(ctx.db, { username: callsign.toLowerCase(), role: 'officer', callsign, team: i % 2 ? 'Response A' : 'Response B' }, now);
		}
		// tokens are shown once: the demo issues fresh ones at each start
		await revokeUserTokens(ctx.db, user.id, now);
		simOfficers.push({ id: user.id, callsign, token: await createToken(ctx.db, user.id, 'device', 'demo simulator', now) });
	}
	return { simOfficers };
}
