// Single sign-on as the environment states it (OIDC_*, LOCAL_LOGIN), read by config.ts; the
// protocol is services/oidc.ts. Unset OIDC_ISSUER: no single sign-on, passwords only.
import { ROLES, type Role } from './db/schema.ts';
import { ConfigError, type Env } from './config-error.ts';

export interface OidcConfig {
	issuer: URL;
	clientId: string;
	clientSecret: string | undefined;
	/** the claim holding role values (Entra ID: `roles` for app roles, `groups` for group ids) */
	roleClaim: string;
	/** claim value → role, in the order written: the first the user holds wins */
	roleMap: [string, Role][];
	/** claims copied to the profile at each sign-in (null: not taken from the provider) */
	callsignClaim: string | null;
	teamClaim: string | null;
	nameClaim: string;
	/** what the login button says */
	label: string;
	scopes: string;
}

export function parseRoleMap(raw: string, variable = 'OIDC_ROLE_MAP'): [string, Role][] {
	const out: [string, Role][] = [];
	for (const part of raw.split(',')) {
		if (part.trim() === '') continue;
		const eq = part.lastIndexOf('=');
		const value = part.slice(0, eq).trim();
		const role = part.slice(eq + 1).trim();
		if (eq <= 0 || value === '') throw new ConfigError(variable, raw, `"${part.trim()}" is not claim-value=role`);
		if (!(ROLES as readonly string[]).includes(role)) throw new ConfigError(variable, raw, `"${role}" is not a role (${ROLES.join(', ')})`);
		out.push([value, role as Role]);
	}
	if (out.length === 0) throw new ConfigError(variable, raw, 'map at least one claim value to a role, e.g. "hp-officers=officer,hp-supervisors=supervisor"');
	return out;
}

export function parseOidc(env: Env): OidcConfig | null {
	const issuer = env.OIDC_ISSUER?.trim();
	if (!issuer) return null;
	let url: URL;
	try {
		url = new URL(issuer);
	} catch {
		throw new ConfigError('OIDC_ISSUER', issuer, 'not a URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0');
	}
	const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new ConfigError('OIDC_ISSUER', issuer, 'must be https:// (http only on this machine, for tests)');
	const clientId = env.OIDC_CLIENT_ID?.trim();
	if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', env.OIDC_CLIENT_ID, 'required with OIDC_ISSUER');
	const roleMap = env.OIDC_ROLE_MAP;
	if (!roleMap) throw new ConfigError('OIDC_ROLE_MAP', roleMap, 'required with OIDC_ISSUER: claim values to roles, e.g. "hp-officers=officer"');
	const optional = (name: string) => env[name]?.trim() || null;
	return {
		issuer: url,
		clientId,
		clientSecret: env.OIDC_CLIENT_SECRET || undefined,
		roleClaim: optional('OIDC_ROLE_CLAIM') ?? 'roles',
		roleMap: parseRoleMap(roleMap),
		callsignClaim: optional('OIDC_CALLSIGN_CLAIM'),
		teamClaim: optional('OIDC_TEAM_CLAIM'),
		nameClaim: optional('OIDC_NAME_CLAIM') ?? 'name',
		label: optional('OIDC_LABEL') ?? 'Sign in with your force account',
		scopes: optional('OIDC_SCOPES') ?? 'openid profile email'
	};
}

/** LOCAL_LOGIN: usernames and passwords on the login page (default true; false needs OIDC_ISSUER). */
export function parseLocalLogin(env: Env, oidc: OidcConfig | null): boolean {
	const raw = env.LOCAL_LOGIN?.trim().toLowerCase();
	if (raw === undefined || raw === '') return true;
	if (!['true', 'false'].includes(raw)) throw new ConfigError('LOCAL_LOGIN', env.LOCAL_LOGIN, 'expected true or false');
	if (raw === 'false' && !oidc) throw new ConfigError('LOCAL_LOGIN', env.LOCAL_LOGIN, 'false leaves no way to sign in: set OIDC_ISSUER too');
	return raw === 'true';
}
