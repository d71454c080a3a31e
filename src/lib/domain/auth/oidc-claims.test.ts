import { describe, expect, it } from 'vitest';
import { claimText, claimValues, roleFromClaims, usernameFromClaims } from './oidc-claims.ts';

const MAP = [
	['hp-admins', 'admin'],
	['hp-supervisors', 'supervisor'],
	['hp-officers', 'officer']
] as const;

describe('single sign-on claims', () => {
	it('reads a claim as a string or an array of strings, ignoring anything else', () => {
		expect(claimValues({ roles: 'a' }, 'roles')).toEqual(['a']);
		expect(claimValues({ roles: ['a', 3, '', 'b', null] }, 'roles')).toEqual(['a', 'b']);
		expect(claimValues({ roles: { a: 1 } }, 'roles')).toEqual([]);
		expect(claimValues({}, 'roles')).toEqual([]);
	});

	it('maps the first entry of the map the user holds, in the order the force wrote it', () => {
		expect(roleFromClaims({ groups: ['hp-officers', 'hp-supervisors'] }, 'groups', MAP)).toBe('supervisor');
		expect(roleFromClaims({ groups: 'hp-officers' }, 'groups', MAP)).toBe('officer');
		expect(roleFromClaims({ roles: ['hp-admins'] }, 'groups', MAP)).toBeNull();
		expect(roleFromClaims({ groups: ['everyone'] }, 'groups', MAP)).toBeNull();
	});

	it('takes short text from a named claim, or nothing', () => {
		expect(claimText({ callsign: ' TV-12 ' }, 'callsign')).toBe('TV-12');
		expect(claimText({ callsign: 'x'.repeat(100) }, 'callsign')).toHaveLength(64);
		expect(claimText({ callsign: 'TV-12' }, null)).toBeNull();
		expect(claimText({ callsign: 7 }, 'callsign')).toBeNull();
	});

	it('derives a valid username from preferred_username, email or subject', () => {
		expect(usernameFromClaims({ preferred_username: 'jane.smith@force.police.uk', sub: 'x' })).toBe('jane.smith-force.police.uk');
		expect(usernameFromClaims({ email: 'j@x.uk', sub: 'x' })).toBe('j-x.uk');
		expect(usernameFromClaims({ sub: '0a1b2c' })).toBe('0a1b2c');
		expect(usernameFromClaims({ sub: '!' })).toBe('sso-user');
		for (const u of [usernameFromClaims({ preferred_username: 'Ünïcödé Name' }), usernameFromClaims({ sub: 'a'.repeat(300) })]) {
			expect(u).toMatch(/^[A-Za-z0-9._-]{2,64}$/);
		}
	});
});
