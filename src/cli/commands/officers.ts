import { writeFileSync } from 'node:fs';
import { firstTakenUsername } from '../../lib/server/db/queries/users.ts';
import { inTransaction } from '../../lib/server/db/transaction.ts';
import { createToken, createUser } from '../../lib/server/services/auth.ts';
import { args, positiveInt, required, UsageError, withDatabase } from '../args.ts';

export const help = `officers add --count N --prefix P --tokens <csv> [--team <t>]
  Creates N officers named P001…, each with a device token, and writes <csv>: a header
  "callsign,token", then one row per officer. The tokens are shown only here.`;

export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	if (sub !== 'add') throw new UsageError(`officers: expected "add", got "${sub ?? ''}"\n${help}`);
	const { values } = args(rest, { count: { type: 'string' }, prefix: { type: 'string' }, tokens: { type: 'string' }, team: { type: 'string' } });
	const count = positiveInt(values.count, '--count');
	if (count > 100_000) throw new UsageError('--count: at most 100000');
	const prefix = required(values.prefix, '--prefix');
	if (!/^[A-Za-z][A-Za-z0-9-]{0,20}$/.test(prefix)) throw new UsageError(`--prefix: letters, digits and dashes, starting with a letter; got "${prefix}"`);
	const out = required(values.tokens, '--tokens');
	const width = Math.max(3, String(count).length);
	return withDatabase(async ({ db }) => {
		const now = Date.now();
		const names = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
		const clash = await firstTakenUsername(db, names.slice(0, 1000));
		if (clash) throw new UsageError(`user "${clash}" already exists; choose another --prefix`);
		const rows = ['callsign,token'];
		await inTransaction(db, async (tx) => {
			for (const name of names) {
				const user = await createUser(tx, { username: name, role: 'officer', callsign: name, team: values.team ?? null }, now);
				rows.push(`${name},${await createToken(tx, user.id, 'device', 'officers add', now)}`);
			}
		});
		writeFileSync(out, rows.join('\n') + '\n', { mode: 0o600 });
		console.log(`created ${count} officers ${names[0]}…${names[names.length - 1]}; tokens in ${out}`);
		return 0;
	});
}
