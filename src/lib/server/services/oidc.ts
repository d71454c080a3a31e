// Single sign-on through the force's identity provider (Microsoft Entra ID, or any OpenID
// Connect provider): the authorization code flow with PKCE, state and nonce, through
// `openid-client` (a certified relying party library: discovery, ID token validation and the
// checks that are easy to get wrong by hand). Users are created at their first sign-in with
// the role their claims map to, found again by issuer and subject, and their role follows the
// claims at every sign-in. Sign-ins and refusals are audited by reference only.
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { claimText, roleFromClaims, usernameFromClaims, type Claims } from '../../domain/auth/oidc-claims.ts';
import type { Config } from '../config.ts';
import type { OidcConfig } from '../config-oidc.ts';
import { findUserBySubject, insertOidcUser, isOidcUser, refreshOidcUser, usernameTaken } from '../db/queries/oidc-users.ts';
import { insertSession } from '../db/queries/sessions.ts';
import type { Db } from '../db/schema.ts';
import type { User } from '../db/queries/users.ts';
import { audit } from './audit.ts';
import { secretId, type SessionPolicy } from './auth.ts';

/** What the browser carries between leaving for the provider and coming back (an httpOnly cookie). */
export interface OidcFlow {
	state: string;
	nonce: string;
	verifier: string;
	next: string | null;
}

export type SignInResult =
	| { ok: true; user: User; token: string; created: boolean }
	| { ok: false; reason: 'no-role' | 'disabled'; message: string };

export class OidcClient {
	private readonly cfg: OidcConfig;
	private config: Promise<client.Configuration> | null = null;

	constructor(cfg: OidcConfig) {
		this.cfg = cfg;
	}

	get label(): string {
		return this.cfg.label;
	}

	/** Origins the browser may be sent to: the issuer's and the endpoints it advertises (SvelteKit's redirect allowlist). */
	async origins(): Promise<string[]> {
		const config = await this.discovered().catch(() => null);
		const m = config?.serverMetadata();
		const urls = [this.cfg.issuer.href, m?.issuer, m?.authorization_endpoint, m?.end_session_endpoint].filter((u): u is string => typeof u === 'string');
		return [...new Set(urls.map((u) => new URL(u).origin))];
	}

	/** The provider's metadata, discovered once (and again after a failure). */
	private discovered(): Promise<client.Configuration> {
		if (!this.config) {
			const insecure = this.cfg.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
			this.config = client.discovery(this.cfg.issuer, this.cfg.clientId, this.cfg.clientSecret, undefined, insecure);
			this.config.catch(() => (this.config = null));
		}
		return this.config;
	}

	/** Where to send the browser, and what it must bring back. */
	async start(redirectUri: string, next: string | null): Promise<{ url: URL; flow: OidcFlow }> {
		const config = await this.discovered();
		const flow: OidcFlow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next };
		const url = client.buildAuthorizationUrl(config, {
			redirect_uri: redirectUri,
			scope: this.cfg.scopes,
			state: flow.state,
			nonce: flow.nonce,
			code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
			code_challenge_method: 'S256'
		});
		return { url, flow };
	}

	/** The provider's answer at the callback: the verified claims of the ID token and, when offered, userinfo. */
	async finish(callbackUrl: URL, flow: OidcFlow): Promise<{ subject: string; claims: Claims }> {
		const config = await this.discovered();
		const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
			pkceCodeVerifier: flow.verifier,
			expectedState: flow.state,
			expectedNonce: flow.nonce,
			idTokenExpected: true
		});
		const idClaims = tokens.claims()!;
		let claims: Claims = { ...idClaims };
		if (config.serverMetadata().userinfo_endpoint) {
			// role claims are often only in userinfo (and Entra ID's groups only in the token): both count
			const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
			claims = { ...info, ...idClaims };
		}
		return { subject: `${config.serverMetadata().issuer} ${idClaims.sub}`, claims };
	}

	/** The provider's logout, returning to `after` (RP-initiated logout), or null when it offers none. */
	async logoutUrl(after: string): Promise<URL | null> {
		const config = await this.discovered().catch(() => null);
		if (!config?.serverMetadata().end_session_endpoint) return null;
		return client.buildEndSessionUrl(config, { post_logout_redirect_uri: after, client_id: this.cfg.clientId });
	}

	/** For a user who signed in through the provider: where to end the provider's session too. */
	async logoutFor(db: Db, userId: number, after: string): Promise<URL | null> {
		return (await isOidcUser(db, userId)) ? this.logoutUrl(after) : null;
	}

	/** Finds or creates the user for these claims, applies the role map, audits, and opens a session. */
	async signIn(db: Db, subject: string, claims: Claims, now: number, policy: SessionPolicy, address: string): Promise<SignInResult> {
		const cfg = this.cfg;
		const role = roleFromClaims(claims, cfg.roleClaim, cfg.roleMap);
		let user = await findUserBySubject(db, subject);
		if (!role) {
			await audit(db, { actor: { id: user?.id ?? null, name: user?.username ?? 'single sign-on' }, operation: 'alteration', subject: user ? `user:${user.id}` : 'sign-in', detail: { event: 'single sign-on refused', reason: 'no role for the claims', address } }, now);
			return { ok: false, reason: 'no-role', message: `Your account is not in a group that uses Hotspot Patrol. Ask your administrator to add you to one of the groups for this system (claim "${cfg.roleClaim}").` };
		}
		const profile = { role, displayName: claimText(claims, cfg.nameClaim, 100) ?? usernameFromClaims(claims), callsign: claimText(claims, cfg.callsignClaim), team: claimText(claims, cfg.teamClaim) };
		let created = false;
		if (!user) {
			let username = usernameFromClaims(claims);
			while (await usernameTaken(db, username)) username = `${username.slice(0, 56)}-${randomBytes(3).toString('hex')}`;
			user = await insertOidcUser(db, { subject, username, ...profile }, now);
			created = true;
		} else {
			await refreshOidcUser(db, user.id, profile);
			const was = user.role;
			user = (await findUserBySubject(db, subject))!;
			if (was !== role) await audit(db, { actor: { id: user.id, name: user.username }, operation: 'alteration', subject: `user:${user.id}`, detail: { event: 'role from single sign-on', from: was, to: role } }, now);
		}
		if (user.disabled) {
			await audit(db, { actor: { id: user.id, name: user.username }, operation: 'alteration', subject: `user:${user.id}`, detail: { event: 'single sign-on refused', reason: 'account disabled', address } }, now);
			return { ok: false, reason: 'disabled', message: 'This account is disabled in Hotspot Patrol. Ask your administrator.' };
		}
		const token = randomBytes(32).toString('base64url');
		await insertSession(db, { id: secretId(token), userId: user.id, now, expiresAt: now + policy.maxHours * 3600_000 });
		await audit(db, { actor: { id: user.id, name: user.username }, operation: 'alteration', subject: `user:${user.id}`, detail: { event: created ? 'first single sign-on (account created)' : 'single sign-on', role, address } }, now);
		return { ok: true, user, token, created };
	}
}

// one client per configuration (discovery is cached in it); a module-level cache, as the login
// page's rate limiter, since the App is built before any route asks
const clients = new WeakMap<Config, OidcClient>();

export function oidcFor(config: Config): OidcClient | null {
	if (!config.oidc) return null;
	let c = clients.get(config);
	if (!c) clients.set(config, (c = new OidcClient(config.oidc)));
	return c;
}

const FLOW_COOKIE = 'hp_oidc_flow';
export const FLOW_COOKIE_PATH = '/login/sso';

export function flowCookie(flow: OidcFlow): { name: string; value: string } {
	return { name: FLOW_COOKIE, value: Buffer.from(JSON.stringify(flow)).toString('base64url') };
}

/** The flow the browser brought back, or null when missing or not ours. */
export function readFlow(value: string | undefined): OidcFlow | null {
	if (!value || value.length > 2000) return null;
	try {
		const f = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
		const ok = f && typeof f.state === 'string' && typeof f.nonce === 'string' && typeof f.verifier === 'string' && (f.next === null || typeof f.next === 'string');
		return ok ? { state: f.state, nonce: f.nonce, verifier: f.verifier, next: f.next } : null;
	} catch {
		return null;
	}
}

export { FLOW_COOKIE };
