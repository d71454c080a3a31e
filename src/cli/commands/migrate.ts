import { readConfig } from '../../lib/server/config.ts';
import { migrate, openDatabase } from '../../lib/server/db/connect.ts';

export const help = `migrate
  Runs pending migrations against DATABASE_URL (or MIGRATION_DATABASE_URL when set).`;

export async function run(): Promise<number> {
	const config = readConfig(process.env);
	const h = await openDatabase(config.migrationDatabase ?? config.database);
	try {
		const done = await migrate(h);
		console.log(done.length ? `applied ${done.join(', ')}` : 'up to date');
		return 0;
	} finally {
		await h.close();
	}
}
