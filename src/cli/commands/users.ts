import { createToken, createUser, isRole } from '../../lib/server/services/auth.ts';
import { ROLES } from '../../lib/server/db/schema.ts';
import { args, required, UsageError, withDatabase } from '../args.ts';

export const help = `users add --role <${ROLES.join('|')}> --name <username> [--password <p>] [--callsign <c>] [--team <t>] [--token]
  Creates a user. With --token, also creates an API token and prints it last (shown once).`;

export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	if (sub !== 'add') throw new UsageError(`users: expected "add", got "${sub ?? ''}"\n${help}`);
	const { values } = args(rest, {
		role: { type: 'string' },
		name: { type: 'string' },
		password: { type: 'string' },
		callsign: { type: 'string' },
		team: { type: 'string' },
		token: { type: 'boolean' }
	});
	const role = required(values.role, '--role');
	if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}; got "${role}"`);
	const name = required(values.name, '--name');
	if (!values.password && !values.token) throw new UsageError('give --password, --token or both: the user needs some way in');
	return withDatabase(async ({ db }) => {
		const now = Date.now();
		const existing = await db.selectFrom('users').select('id').where('username', '=', name).executeTakeFirst();
		if (existing) throw new UsageError(`user "${name}" already exists`);
		const user = await createUser(db, { username: name, role, password: values.password, callsign: values.callsign, team: values.team }, now);
		console.log(`created ${role} ${user.username} (id ${user.id})`);
		if (values.token) console.log(await createToken(db, user.id, 'api', 'cli', now));
		return 0;
	});
}
