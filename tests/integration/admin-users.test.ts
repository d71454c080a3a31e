// Accounts as an administrator manages them in /admin, on both databases: a new officer with a
// temporary password and a device token that Traccar Client reports with; the password replaced
// at the first login; a reset; role, callsign and team changed; device tokens replaced; every
// login and failed login audited — and no audit row naming anyone but by id.
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { base32Decode, totpAt } from '../../src/lib/server/security/totp.ts';
import { changeUser } from '../../src/lib/server/services/admin.ts';
import { setDuty } from '../../src/lib/server/services/duty.ts';
import { insertOidcUser } from '../../src/lib/server/db/queries/oidc-users.ts';
import { createUser, userForSession, userForToken, type LoginPolicy } from '../../src/lib/server/services/auth.ts';
import { issueDeviceToken } from '../../src/lib/server/services/device-tokens.ts';
import { signIn } from '../../src/lib/server/services/login.ts';
import { addUser, resetPassword, updateUser, UserError } from '../../src/lib/server/services/users.ts';
import { startTestServer, testConfig, testDatabases } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const root = new URL('../..', import.meta.url).pathname;
const route = (path: string) => import(join(root, 'src/routes', path)) as Promise<Record<string, (event: unknown) => Promise<Response>>>;
const POLICY: LoginPolicy = { idleMinutes: 60, maxHours: 12, maxFailures: 5, lockMinutes: 15, requireTotp: [] };
const ORIGIN = 'https://patrol.example.police.uk';

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	it('creates an officer whose device token reports, whose password is replaced at first login, and audits it all by id', async () => {
		let now = DateTime.fromISO('2024-05-08T10:00', { zone: 'Europe/London' }).toMillis();
		const server = await startTestServer(testConfig(database.fresh()), { now: () => now });
		const { app } = server;
		try {
			const admin = await createUser(app.db, { username: 'adm-users', role: 'admin', password: 'admin-pass-1' }, now);
			const by = { id: admin.id, username: admin.username };

			// bad input names the field, and nothing is stored
			await expect(addUser(app, by, { username: 'pc new', role: 'officer' }, { temporary: true })).rejects.toThrow(/^username "pc new"/);
			await expect(addUser(app, by, { username: 'pc-x', role: 'sheriff' }, { temporary: true })).rejects.toThrow(/^role: one of officer/);
			await expect(addUser(app, by, { username: 'pc-x', role: 'officer', callsign: 'A:B' }, { temporary: true })).rejects.toThrow(/^callsign "A:B"/);
			await expect(addUser(app, by, { username: 'an-x', role: 'analyst', token: 'device' }, { temporary: true })).rejects.toThrow(/^device token: for officers/);
			expect(await app.db.selectFrom('users').select('id').where('username', 'in', ['pc-x', 'an-x', 'pc new']).execute()).toEqual([]);

			const made = await addUser(app, by, { username: 'pc-new', role: 'officer', callsign: 'TV-214', team: 'Response B', token: 'device' }, { temporary: true });
			expect(made.password).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
			expect(made.token).toMatch(/^hp_/);
			await expect(addUser(app, by, { username: 'pc-new', role: 'officer' }, { temporary: true })).rejects.toThrow('username "pc-new" is taken');

			// the device token reports through Traccar Client's protocol once the officer is on duty
			await setDuty(app, { id: made.user.id, callsign: 'TV-214' }, true);
			const osmand = await route('api/devices/osmand/+server.ts');
			const u = new URL(`http://127.0.0.1/api/devices/osmand?id=${encodeURIComponent(made.token!)}&timestamp=${Math.floor((now - 5000) / 1000)}&lat=51.752&lon=-1.258&accuracy=8`);
			const answer = await osmand.GET({ url: u, request: new Request(u), params: {}, locals: { app }, getClientAddress: () => '127.0.0.1' });
			expect([answer.status, await answer.text()]).toEqual([200, 'OK']);
			expect(await app.db.selectFrom('fixes').select('source').where('officer_id', '=', made.user.id).execute()).toEqual([{ source: 'osmand' }]);

			// first login: the temporary password is right, but a new one is wanted, and a weak one refused
			const attempt = (password: string, newPassword?: string) => signIn(app, { username: 'pc-new', password, newPassword, address: '10.0.0.9' }, POLICY);
			expect(await attempt(made.password!)).toMatchObject({ ok: false, reason: 'password-change' });
			expect(await attempt(made.password!, 'short')).toMatchObject({ ok: false, reason: 'password-weak', problem: 'new password: at least 10 characters (this has 5)' });
			expect(await attempt(made.password!, made.password!)).toMatchObject({ ok: false, reason: 'password-weak', problem: 'new password: not the temporary one you were given' });
			const first = await attempt(made.password!, 'my own long password');
			expect(first.ok).toBe(true);
			expect(await attempt(made.password!)).toMatchObject({ ok: false, reason: 'invalid' });
			expect((await attempt('my own long password')).ok).toBe(true);

			// a reset: sessions end, a new temporary password must be replaced again
			now += 60_000;
			const session = first.ok ? first.token : '';
			expect(await userForSession(app.db, session, now, POLICY)).not.toBeNull();
			const reset = await resetPassword(app, by, made.user.id);
			expect(reset.username).toBe('pc-new');
			expect(await userForSession(app.db, session, now, POLICY)).toBeNull();
			expect(await attempt('my own long password')).toMatchObject({ ok: false, reason: 'invalid' });
			expect(await attempt(reset.password)).toMatchObject({ ok: false, reason: 'password-change' });
			expect((await attempt(reset.password, 'another long password')).ok).toBe(true);

			// role, callsign and team; an administrator cannot change their own role
			expect(await updateUser(app, by, made.user.id, { callsign: 'TV-215', team: 'Response C', role: 'officer' })).toEqual({ changed: ['callsign', 'team'] });
			expect(await updateUser(app, by, made.user.id, { callsign: 'TV-215', team: 'Response C' })).toEqual({ changed: [] });
			await expect(updateUser(app, by, admin.id, { role: 'analyst' })).rejects.toThrow(UserError);

			// a new device token ends the earlier one; an officer may issue their own; not for other roles
			const setup = await issueDeviceToken(app, { id: made.user.id, username: 'TV-215' }, made.user.id, ORIGIN);
			expect(await userForToken(app.db, made.token)).toBeNull();
			expect(await userForToken(app.db, setup.token)).toMatchObject({ id: made.user.id, tokenKind: 'device' });
			expect(setup.traccar.serverUrl).toBe(`${ORIGIN}/api/devices/osmand`);
			expect(setup.owntracks).toMatchObject({ url: `${ORIGIN}/api/devices/owntracks`, username: 'TV-215', password: setup.token });
			expect(setup.traccar.qrSvg).toMatch(/^<svg[^>]*viewBox/);
			await expect(issueDeviceToken(app, by, admin.id, ORIGIN)).rejects.toThrow(/device token: for officers/);

			// with a second factor: the new password is asked for before a code is spent, and stored only with a good code
			const { otpauth } = await changeUser(app, by, made.user.id, 'enrol-totp');
			const secret = base32Decode(new URL(otpauth!).searchParams.get('secret')!);
			const temp = (await resetPassword(app, by, made.user.id)).password;
			const withCode = (newPassword?: string, totp?: string) => signIn(app, { username: 'pc-new', password: temp, newPassword, totp, address: '10.0.0.9' }, POLICY);
			expect(await withCode(undefined, totpAt(secret, now))).toMatchObject({ ok: false, reason: 'password-change' });
			expect(await withCode('a third long password')).toMatchObject({ ok: false, reason: 'totp-required' });
			expect((await withCode('a third long password', totpAt(secret, now))).ok).toBe(true);
			expect((await signIn(app, { username: 'pc-new', password: 'a third long password', totp: totpAt(secret, now + 30_000), address: '10.0.0.9' }, POLICY)).ok).toBe(true);
			await changeUser(app, by, made.user.id, 'remove-totp');

			// someone who signs in through the force's provider has no password here, and their role is the provider's
			const sso = await insertOidcUser(app.db, { subject: 'https://idp.example u-77', username: 'sso-user', displayName: 'SSO User', role: 'supervisor', callsign: null, team: null }, now);
			await expect(resetPassword(app, by, sso.id)).rejects.toThrow(/single sign-on: their password is the provider's/);
			await expect(updateUser(app, by, sso.id, { role: 'commander' })).rejects.toThrow(/single sign-on: their role follows/);

			// a failed login for someone else's name, and for a name that does not exist
			const wrong = await signIn(app, { username: 'pc-new', password: 'not it at all', address: '10.0.0.7' }, POLICY);
			expect(wrong).toMatchObject({ ok: false, reason: 'invalid' });
			const unknown = await signIn(app, { username: 'Jane.Doe.Password123', password: 'whatever', address: '10.0.0.8' }, POLICY);
			expect(unknown).toMatchObject({ ok: false, reason: 'invalid' });

			const rows = await app.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
			const mine = rows.filter((r) => r.subject === `user:${made.user.id}` || r.subject === 'login');
			const events = mine.map((r) => [r.actor, r.subject, JSON.parse(r.detail).action ?? JSON.parse(r.detail).event]);
			expect(events).toEqual([
				['adm-users', `user:${made.user.id}`, 'create'],
				// asked for a new password (not a failure), refused a weak one (nor that), then in
				['pc-new', `user:${made.user.id}`, 'login'],
				['anonymous', `user:${made.user.id}`, 'login failed'],
				['pc-new', `user:${made.user.id}`, 'login'],
				['adm-users', `user:${made.user.id}`, 'reset-password'],
				['anonymous', `user:${made.user.id}`, 'login failed'],
				['pc-new', `user:${made.user.id}`, 'login'],
				['adm-users', `user:${made.user.id}`, 'update'],
				['TV-215', `user:${made.user.id}`, 'issue-device-token'],
				['adm-users', `user:${made.user.id}`, 'enrol-totp'],
				['adm-users', `user:${made.user.id}`, 'reset-password'],
				['pc-new', `user:${made.user.id}`, 'login'],
				['pc-new', `user:${made.user.id}`, 'login'],
				['adm-users', `user:${made.user.id}`, 'remove-totp'],
				['anonymous', `user:${made.user.id}`, 'login failed'],
				['anonymous', 'login', 'login failed']
			]);
			expect(JSON.parse(mine[1].detail)).toEqual({ event: 'login', passwordChanged: true, address: '10.0.0.9' });
			expect(JSON.parse(mine.at(-2)!.detail)).toEqual({ event: 'login failed', reason: 'wrong password', address: '10.0.0.7' });
			expect(JSON.parse(mine.at(-1)!.detail)).toEqual({ event: 'login failed', reason: 'unknown or disabled account', address: '10.0.0.8' });
			expect(JSON.parse(mine[7].detail)).toEqual({ action: 'update', changed: ['callsign', 'team'] });
			// nothing but ids: no name, callsign, team, password or token of the officer, nor the name typed
			const secrets = ['pc-new', 'TV-214', 'TV-215', 'Response', made.password!, reset.password, temp, 'a third long password', 'my own long password', 'another long password', made.token!, setup.token, 'Jane.Doe'];
			const leaks = rows.flatMap((r) => secrets.filter((s) => [r.subject, r.detail, r.recipients ?? ''].join(' ').includes(s)).map((s) => `row ${r.id} holds "${s}"`));
			expect(leaks).toEqual([]);
			// failed logins are not in the name of whoever typed them
			expect(rows.filter((r) => JSON.parse(r.detail).event === 'login failed').every((r) => r.actor_id === null)).toBe(true);
		} finally {
			await server.close();
		}
	});
});
