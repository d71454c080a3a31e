import { isRole } from '../../lib/server/services/auth.ts';
import { addUser, UserError } from '../../lib/server/services/users.ts';
import { ROLES } from '../../lib/server/db/schema.ts';
import { deleteUserSessions } from '../../lib/server/db/queries/sessions.ts';
import { revokeUserTokens } from '../../lib/server/db/queries/tokens.ts';
import { findUserIdByName, setTotpSecret, setUserDisabled, unlockUser } from '../../lib/server/db/queries/users.ts';
import { newTotpSecret, otpauthUri } from '../../lib/server/security/totp.ts';
import { audit } from '../../lib/server/services/audit.ts';
import { args, required, UsageError, withDatabase } from '../args.ts';

export const help = `users add --role <${ROLES.join('|')}> --name <username> [--password <p>] [--callsign <c>] [--team <t>] [--token | --device-token]
  Creates a user. With --token, also an API token (sockets: tools, the load driver, a control-room
  client); with --device-token (officers only), a device token for Traccar Client (OsmAnd) and
  OwnTracks, which also opens an officer's socket. The token is printed last, shown once.
users totp --name <username>
  Enrols a TOTP second factor and prints the otpauth:// link for the user's authenticator app (shown once).
users disable|enable|unlock --name <username>
  Disabling ends the user's sessions and tokens; a running server closes their live sockets within seconds.`;

export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	if (sub === 'totp' || sub === 'disable' || sub === 'enable' || sub === 'unlock') return change(sub, rest);
	if (sub !== 'add') throw new UsageError(`users: expected add, totp, disable, enable or unlock, got "${sub ?? ''}"\n${help}`);
	const { values } = args(rest, {
		role: { type: 'string' },
		name: { type: 'string' },
		password: { type: 'string' },
		callsign: { type: 'string' },
		team: { type: 'string' },
		token: { type: 'boolean' },
		'device-token': { type: 'boolean' }
	});
	const role = required(values.role, '--role');
	if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}; got "${role}"`);
	const name = required(values.name, '--name');
	const device = values['device-token'] === true;
	if (values.token && device) throw new UsageError('give --token or --device-token, not both: one token is printed');
	if (device && role !== 'officer') throw new UsageError(`--device-token is for officers (their phone's tracker app); --role is "${role}": use --token`);
	if (!values.password && !values.token && !device) throw new UsageError('give --password, --token or --device-token: the user needs some way in');
	return withDatabase(async ({ db }) => {
		// the same rules and audit row as an administrator's in /admin; the password is the user's own
		const out = await addUser(
			{ db, now: () => Date.now() },
			{ id: null, username: 'cli' },
			{ username: name, role, password: values.password, callsign: values.callsign, team: values.team, token: device ? 'device' : values.token ? 'api' : null },
			{ temporary: false }
		).catch((e: unknown) => {
			throw e instanceof UserError ? new UsageError(e.message) : e;
		});
		console.log(`created ${role} ${out.user.username} (id ${out.user.id})`);
		if (out.token) console.log(out.token);
		return 0;
	});
}

async function change(sub: 'totp' | 'disable' | 'enable' | 'unlock', rest: string[]): Promise<number> {
	const { values } = args(rest, { name: { type: 'string' } });
	const name = required(values.name, '--name');
	return withDatabase(async ({ db }) => {
		const user = await findUserIdByName(db, name);
		if (!user) throw new UsageError(`no user "${name}"`);
		const now = Date.now();
		if (sub === 'totp') {
			const secret = newTotpSecret();
			await setTotpSecret(db, user.id, secret);
			console.log(otpauthUri(secret, user.username));
		} else if (sub === 'disable') {
			await setUserDisabled(db, user.id, true);
			await deleteUserSessions(db, user.id);
			await revokeUserTokens(db, user.id, now);
		} else if (sub === 'enable') {
			await setUserDisabled(db, user.id, false);
		} else {
			await unlockUser(db, user.id);
		}
		await audit(db, { actor: { id: null, name: 'cli' }, operation: 'alteration', subject: `user:${user.id}`, detail: { action: sub === 'totp' ? 'enrol-totp' : sub } }, now);
		console.error(`${sub}: ${user.username} (id ${user.id})`);
		return 0;
	});
}
