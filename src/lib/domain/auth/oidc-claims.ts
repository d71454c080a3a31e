// Single sign-on's decisions, without I/O: which role an identity provider's claims give a user
// (OIDC_ROLE_CLAIM and OIDC_ROLE_MAP), and the profile fields taken from other claims. The
// service (services/oidc.ts) applies them at every sign-in, so a role follows the directory.

export type Claims = Record<string, unknown>;

/** The values a claim holds: a string, an array of strings (Entra ID's `roles` and `groups`), or nothing. */
export function claimValues(claims: Claims, name: string): string[] {
	const v = claims[name];
	if (typeof v === 'string') return v === '' ? [] : [v];
	if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x !== '');
	return [];
}

/** A claim as one short string, or null: for callsign, team and name. */
export function claimText(claims: Claims, name: string | null, max = 64): string | null {
	if (!name) return null;
	const [first] = claimValues(claims, name);
	if (!first) return null;
	const text = first.trim().slice(0, max);
	return text === '' ? null : text;
}

/**
 * The role for these claims: the first entry of the map (in the order the force wrote it) whose
 * claim value the user holds, so a force lists its most specific groups first. Null when none maps:
 * the user is refused rather than given a default role.
 */
export function roleFromClaims<Role extends string>(claims: Claims, claim: string, map: readonly (readonly [string, Role])[]): Role | null {
	const held = new Set(claimValues(claims, claim));
	for (const [value, role] of map) if (held.has(value)) return role;
	return null;
}

/**
 * A username for a user first seen through single sign-on: the provider's preferred_username (or
 * email, or subject), reduced to the characters usernames allow. Uniqueness is the caller's
 * (the account is found again by issuer and subject, never by this name).
 */
export function usernameFromClaims(claims: Claims): string {
	const raw = claimText(claims, 'preferred_username', 200) ?? claimText(claims, 'email', 200) ?? claimText(claims, 'sub', 200) ?? 'sso-user';
	const cleaned = raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56);
	return cleaned.length >= 2 ? cleaned : `sso-${cleaned || 'user'}`;
}
