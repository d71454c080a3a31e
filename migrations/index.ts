// Every migration, in order. Migrations are frozen: they use Kysely<any>, never the app's types,
// and are told the dialect so each can say what differs between SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import * as initial from './20261126T190000Z-initial.ts';
import * as analysis from './20261126T210000Z-analysis.ts';
import * as presence from './20261126T230000Z-presence.ts';
import * as trials from './20261127T000000Z-trials.ts';
import * as people from './20261127T010000Z-people.ts';
import * as security from './20261127T020000Z-security.ts';
import * as oneAtATime from './20261207T120000Z-one-at-a-time.ts';
import * as auditNoRewrite from './20261207T120100Z-audit-no-rewrite.ts';
import * as importMapping from './20261207T130000Z-import-mapping.ts';
import * as singleSignOn from './20261207T200000Z-single-sign-on.ts';
import * as mustChangePassword from './20261207T210000Z-must-change-password.ts';

export type Dialect = 'sqlite' | 'postgres';

interface MigrationModule {
	up(db: Kysely<any>, dialect: Dialect): Promise<void>;
	down?(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

const all: Record<string, MigrationModule> = {
	'20261126T190000Z-initial': initial,
	'20261126T210000Z-analysis': analysis,
	'20261126T230000Z-presence': presence,
	'20261127T000000Z-trials': trials,
	'20261127T010000Z-people': people,
	'20261127T020000Z-security': security,
	'20261207T120000Z-one-at-a-time': oneAtATime,
	'20261207T120100Z-audit-no-rewrite': auditNoRewrite,
	'20261207T130000Z-import-mapping': importMapping,
	'20261207T200000Z-single-sign-on': singleSignOn,
	'20261207T210000Z-must-change-password': mustChangePassword
};

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
	return Object.fromEntries(
		Object.entries(all).map(([name, m]) => [
			name,
			{
				up: (db: Kysely<any>) => m.up(db, dialect),
				down: m.down ? (db: Kysely<any>) => m.down!(db, dialect) : undefined
			}
		])
	);
}
