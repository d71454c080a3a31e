import type { Kysely } from 'kysely';
import type { Dialect } from './index.ts';

// Single sign-on ([6/6]): a user first seen through the force's identity provider is found again
// by the provider's issuer and subject ("<issuer> <sub>"), never by name, which the directory may
// change. Local accounts keep it null.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
	await db.schema.alterTable('users').addColumn('oidc_subject', 'text').execute();
	await db.schema.createIndex('users_oidc_subject').on('users').column('oidc_subject').unique().execute();
}
