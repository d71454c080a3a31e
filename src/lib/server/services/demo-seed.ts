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

export const DEMO_TARGET_INTERVAL_S = 3600;

const DEMO_USERS: { username: string; role: Role; displayName: string; callsign?: string; team?: string }[] = [
	{ username: 'officer', role: 'officer', displayName: 'PC Demo Officer', callsign: 'TV-101', team: 'Oxford Centre' },
	{ username: 'supervisor', role: 'supervisor', displayName: 'Sgt Demo Supervisor' },
	{ username: 'commander', role: 'commander', displayName: 'Insp Demo Commander' },
	{ username: 'analyst', role: 'analyst', displayName: 'Demo Analyst' },
	{ username: 'admin', role: 'admin', displayName: 'Demo Admin' }
];

export async function seedDemo(ctx: BusDeps, opts: { officers: number; crimeFile: string }) {
	const now = ctx.now();
	for (const u of DEMO_USERS) {
		const exists = await findUserIdByName(ctx.db, u.username);
		if (!exists) await createUser(ctx.db, { ...u, password: 'demo' }, now);
	}
	const report = await importFile(ctx.db, opts.crimeFile, { now });
	if (report.status === 'failed') throw new Error(`demo crime records: ${report.error}`);
	if (!(await hasPublishedSet(ctx.db))) {
		// the demo area is only 1.7 km across: 100 m cells give detection enough places to compare
		const { setId } = await runDetection(ctx, 'Oxford centre (demo)', { ...DETECTION_DEFAULTS, cellM: 100 }, null);
		// a dose every hour rather than every 4: a gap shows within an hour of a window opening,
		// so whoever tries the demo finds one to act on (the neglected hot spot, demo-patrol.ts)
		await publishSet(ctx, setId, DEMO_TARGET_INTERVAL_S);
	}
	const simOfficers: { callsign: string; token: string; id: number }[] = [];
	for (let i = 1; i <= opts.officers; i++) {
		const callsign = `SIM-${String(i).padStart(2, '0')}`;
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
