// Device tokens for an officer's tracker app (Traccar Client, OwnTracks), issued by an
// administrator or by the officer on *My patrols*. One live device token per officer: a new one
// ends the earlier ones, so setting up a new phone cuts off a lost one (its sockets close at the
// next revocation sweep). The token is returned once, with the apps' settings and QR codes; only
// its hash is stored, and the audit row names the officer by id.
import QRCode from 'qrcode';
import { trackerSettings } from '../../domain/devices/setup.ts';
import type { DeviceSetup } from '../../realtime/contract.ts';
import { revokeDeviceTokens } from '../db/queries/tokens.ts';
import { getUser } from '../db/queries/users.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditBy } from './audit.ts';
import { createToken } from './auth.ts';
import type { DbDeps } from './deps.ts';
import { UserError } from './users.ts';

/**
 * Issues `officerId` a device token. `by` is who asked: the officer themself (named in the log
 * by callsign, as their duty rows are) or an administrator. `origin` is this server's public
 * address as the request reached it, so the settings work from the phone that opened the page.
 */
export async function issueDeviceToken(ctx: DbDeps, by: { id: number; username: string }, officerId: number, origin: string): Promise<DeviceSetup> {
	const officer = Number.isInteger(officerId) ? await getUser(ctx.db, officerId) : undefined;
	if (!officer) throw new UserError(`no user ${officerId}`);
	if (officer.role !== 'officer') throw new UserError(`device token: for officers (their phone's tracker app); this user is ${officer.role}`);
	if (officer.disabled) throw new UserError('device token: the account is disabled; enable it first');
	const self = by.id === officer.id;
	const now = ctx.now();
	const token = await inTransaction(ctx.db, async (tx) => {
		await revokeDeviceTokens(tx, officer.id, now);
		const t = await createToken(tx, officer.id, 'device', self ? 'my patrols' : 'admin', now);
		await auditBy({ db: tx, now: () => now }, by, 'alteration', `user:${officer.id}`, { action: 'issue-device-token', self });
		return t;
	});
	return deviceSetup(origin, officer.callsign, token);
}

export async function deviceSetup(origin: string, callsign: string, token: string): Promise<DeviceSetup> {
	const s = trackerSettings(origin, callsign, token);
	// SVG: sharp at any size and printable; rendered on the server so the library stays off the phone
	const svg = (text: string) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return {
		callsign,
		token,
		traccar: { ...s.traccar, qrSvg: await svg(s.traccar.qrText) },
		owntracks: { ...s.owntracks, qrSvg: await svg(s.owntracks.link) }
	};
}
