import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { parseLocalLogin, parseOidc, parseRoleMap } from './config-oidc.ts';

const BASE = { OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', OIDC_CLIENT_ID: 'app', OIDC_ROLE_MAP: 'TVP-HotspotOfficers=officer, TVP-Sergeants=supervisor' };

describe('single sign-on configuration', () => {
	it('is off without OIDC_ISSUER, and passwords stay on', () => {
		expect(parseOidc({})).toBeNull();
		const c = readConfig({});
		expect(c.oidc).toBeNull();
		expect(c.localLogin).toBe(true);
	});

	it('reads the issuer, client, role claim and the role map in the order written', () => {
		const o = parseOidc({ ...BASE, OIDC_ROLE_CLAIM: 'groups', OIDC_CALLSIGN_CLAIM: 'extension_callsign' })!;
		expect(o.issuer.href).toBe('https://login.microsoftonline.com/tenant/v2.0');
		expect(o.roleClaim).toBe('groups');
		expect(o.roleMap).toEqual([
			['TVP-HotspotOfficers', 'officer'],
			['TVP-Sergeants', 'supervisor']
		]);
		expect(o.callsignClaim).toBe('extension_callsign');
		expect(o.teamClaim).toBeNull();
		expect(parseOidc(BASE)!.roleClaim).toBe('roles');
	});

	it('names the variable and the value when something is wrong', () => {
		expect(() => parseOidc({ ...BASE, OIDC_ISSUER: 'http://idp.example' })).toThrow(/OIDC_ISSUER="http:\/\/idp.example": must be https/);
		expect(() => parseOidc({ ...BASE, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER/);
		expect(() => parseOidc({ ...BASE, OIDC_CLIENT_ID: '' })).toThrow(/OIDC_CLIENT_ID/);
		expect(() => parseOidc({ ...BASE, OIDC_ROLE_MAP: undefined })).toThrow(/OIDC_ROLE_MAP/);
		expect(() => parseRoleMap('admins=god')).toThrow(/"god" is not a role/);
		expect(() => parseRoleMap('officer')).toThrow(/not claim-value=role/);
		expect(() => parseRoleMap(' , ')).toThrow(/at least one/);
		// loopback over http is allowed, for tests on this machine
		expect(parseOidc({ ...BASE, OIDC_ISSUER: 'http://127.0.0.1:9000' })!.issuer.port).toBe('9000');
	});

	it('turns passwords off only when single sign-on is there to replace them', () => {
		const oidc = parseOidc(BASE);
		expect(parseLocalLogin({ LOCAL_LOGIN: 'false' }, oidc)).toBe(false);
		expect(() => parseLocalLogin({ LOCAL_LOGIN: 'false' }, null)).toThrow(/no way to sign in/);
		expect(() => parseLocalLogin({ LOCAL_LOGIN: 'no' }, oidc)).toThrow(/LOCAL_LOGIN="no"/);
	});
});
