// A real OpenID provider on loopback for the single sign-on tests: `oidc-provider` (the
// certified provider library), with its development login and consent pages, one confidential
// client, and accounts whose claims the tests choose. Any password signs in as the named account.
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestAccount {
	roles?: string[];
	name?: string;
	callsign?: string;
	team?: string;
}

export interface TestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** change an account's claims between sign-ins (a role moved in the directory) */
	accounts: Map<string, TestAccount>;
	close(): Promise<void>;
}

export async function startProvider(port: number, appOrigin: string, accounts: Record<string, TestAccount>): Promise<TestProvider> {
	const issuer = `http://127.0.0.1:${port}`;
	const clientId = 'hotspot-patrol';
	const clientSecret = 'test-secret-of-sufficient-length-0123456789';
	const known = new Map(Object.entries(accounts));
	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: clientId,
				client_secret: clientSecret,
				redirect_uris: [`${appOrigin}/login/sso/callback`],
				post_logout_redirect_uris: [`${appOrigin}/login`],
				grant_types: ['authorization_code'],
				response_types: ['code']
			}
		],
		claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'roles', 'callsign', 'team'] },
		scopes: ['openid', 'profile', 'email'],
		features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
		cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
		async findAccount(_ctx, sub) {
			const a = known.get(sub);
			if (!a) return undefined;
			return { accountId: sub, claims: async () => ({ sub, preferred_username: sub, name: a.name ?? sub, roles: a.roles ?? [], callsign: a.callsign, team: a.team }) };
		}
	});
	provider.proxy = false;
	const server: Server = createServer(provider.callback());
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		issuer,
		clientId,
		clientSecret,
		accounts: known,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
