// Single sign-on ([6/6]) in Chromium against a real OpenID provider on loopback (oidc-provider):
// a supervisor signs in through the provider and lands on the control room; logging out ends the
// provider's session too; a role moved in the directory follows at the next sign-in; a user whose
// claims map to no role is refused with a page that says why; with LOCAL_LOGIN=false passwords
// are gone from the login page and refused by the server; every decision is in the audit log.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { startProvider, type TestProvider } from './oidc-provider.ts';

function freePort(): number {
	const out = spawnSync(process.execPath, ['-e', "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '' }
	}).stdout;
	const port = Number(out.trim());
	if (!Number.isInteger(port) || port <= 0) throw new Error('sso e2e: could not find a free port');
	return port;
}

const PORT = freePort();
const IDP_PORT = freePort();
const BASE = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'hp-sso-'));
const DB = join(dir, 'sso.db');
const LOG = join(dir, 'server.log');
let server: ChildProcess;
let idp: TestProvider;

const logTail = () => (existsSync(LOG) ? readFileSync(LOG, 'utf8').trim().split('\n').slice(-15).join('\n') : '(no log)');

test.use({ baseURL: BASE });

test.beforeAll(async () => {
	test.setTimeout(120_000);
	idp = await startProvider(IDP_PORT, BASE, {
		'sgt-sso': { roles: ['hp-supervisors'], name: 'Sgt Single Sign-On', callsign: 'TV-900', team: 'Oxford Centre' },
		visitor: { roles: ['everyone'] }
	});
	const log = openSync(LOG, 'a');
	server = spawn(process.execPath, ['tests/e2e/serve.ts'], {
		env: {
			...process.env,
			E2E_PORT: String(PORT),
			E2E_DB: DB,
			E2E_STATE: join(dir, 'state.json'),
			ORIGIN: BASE,
			OIDC_ISSUER: idp.issuer,
			OIDC_CLIENT_ID: idp.clientId,
			OIDC_CLIENT_SECRET: idp.clientSecret,
			OIDC_ROLE_CLAIM: 'roles',
			OIDC_ROLE_MAP: 'hp-supervisors=supervisor,hp-analysts=analyst,hp-officers=officer',
			OIDC_CALLSIGN_CLAIM: 'callsign',
			OIDC_TEAM_CLAIM: 'team',
			OIDC_LABEL: 'Sign in with Thames Valley account',
			LOCAL_LOGIN: 'false'
		},
		stdio: ['ignore', log, log]
	});
	closeSync(log);
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`the sso e2e server exited (${server.exitCode}):\n${logTail()}`);
		if ((await fetch(`${BASE}/api/health`).catch(() => null))?.ok) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the sso e2e server did not answer in 90 s:\n${logTail()}`);
});

test.afterAll(async () => {
	server?.kill('SIGTERM');
	await idp?.close();
});

/** The provider's own pages: login (any password), then consent when asked. */
async function signInAtProvider(page: Page, login: string) {
	// the test provider's pages import a web font: nothing leaves this machine
	await page.route((u) => u.hostname !== '127.0.0.1', (r) => r.abort());
	await page.getByRole('link', { name: 'Sign in with Thames Valley account' }).click();
	await page.waitForURL(new RegExp(`^http://127.0.0.1:${IDP_PORT}/`));
	await page.locator('input[name=login]').fill(login);
	await page.locator('input[name=password]').fill('anything');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	const consent = page.getByRole('button', { name: 'Continue' });
	await page.waitForURL((u) => u.origin === BASE || u.pathname.includes('interaction'));
	if (new URL(page.url()).origin !== BASE && (await consent.count()) > 0) await consent.click();
	await page.waitForURL((u) => u.origin === BASE, { timeout: 20_000 });
}

function auditDetails(): { operation: string; subject: string; detail: Record<string, unknown> }[] {
	const db = new Database(DB, { readonly: true });
	try {
		return (db.prepare('SELECT operation, subject, detail FROM audit_log ORDER BY id').all() as { operation: string; subject: string; detail: string }[]).map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
	} finally {
		db.close();
	}
}

function userRow(username: string): { role: string; callsign: string | null; team: string | null; password_hash: string | null; oidc_subject: string | null } | undefined {
	const db = new Database(DB, { readonly: true });
	try {
		return db.prepare('SELECT role, callsign, team, password_hash, oidc_subject FROM users WHERE username = ?').get(username) as never;
	} finally {
		db.close();
	}
}

test('a supervisor signs in through the force provider, the role follows the directory, logout ends both sessions', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/control');
	await expect(page).toHaveURL(/\/login\?next=%2Fcontrol/);
	// passwords are off: no password field, only the provider's button
	await expect(page.locator('input[type=password]')).toHaveCount(0);
	await page.screenshot({ path: join(dir, 'login-sso.png') });

	await signInAtProvider(page, 'sgt-sso');
	await expect(page).toHaveURL(`${BASE}/control`);
	const created = userRow('sgt-sso');
	expect(created).toMatchObject({ role: 'supervisor', callsign: 'TV-900', team: 'Oxford Centre', password_hash: null });
	expect(created!.oidc_subject).toBe(`${idp.issuer} sgt-sso`);

	// logging out ends the app's session and the provider's (RP-initiated logout)
	await page.getByRole('button', { name: 'Log out' }).click();
	await page.waitForURL(new RegExp(`^http://127.0.0.1:${IDP_PORT}/`));
	await page.getByRole('button', { name: 'Yes, sign me out' }).click();
	await page.waitForURL(`${BASE}/login`);
	await page.goto('/control');
	await expect(page).toHaveURL(/\/login/);

	// the directory moves the user to the analysts: the next sign-in follows it
	idp.accounts.set('sgt-sso', { ...idp.accounts.get('sgt-sso')!, roles: ['hp-analysts'] });
	await signInAtProvider(page, 'sgt-sso');
	await expect(page).toHaveURL(`${BASE}/analyst`);
	expect(userRow('sgt-sso')?.role).toBe('analyst');

	const rows = auditDetails();
	const events = rows.map((r) => r.detail.event);
	expect(events).toContain('first single sign-on (account created)');
	expect(events).toContain('role from single sign-on');
	expect(rows.find((r) => r.detail.event === 'role from single sign-on')?.detail).toMatchObject({ from: 'supervisor', to: 'analyst' });
	// by reference only: no name, callsign or team in the log
	expect(JSON.stringify(rows)).not.toMatch(/Single Sign-On|TV-900|Oxford Centre/);
});

test('a user whose claims map to no role is refused with a page that says why, and gets no session', async ({ page }) => {
	test.setTimeout(90_000);
	await page.goto('/login');
	await signInAtProvider(page, 'visitor');
	await expect(page).toHaveURL(/\/login\/sso\/callback/);
	await expect(page.getByRole('alert')).toContainText('not in a group that uses Hotspot Patrol');
	await page.screenshot({ path: join(dir, 'refused.png') });
	await page.goto('/control');
	await expect(page).toHaveURL(/\/login/);
	expect(userRow('visitor')).toBeUndefined();
	expect(auditDetails().some((r) => r.detail.event === 'single sign-on refused' && r.detail.reason === 'no role for the claims')).toBe(true);
});

test('with LOCAL_LOGIN=false a password login is refused by the server, whatever the page shows', async ({ request }) => {
	const res = await request.post('/login', { form: { username: 'sgt-bo', password: 'e2e-pass' }, headers: { origin: BASE }, maxRedirects: 0 });
	expect(res.status()).toBe(403);
	expect(await res.text()).toContain('Passwords are turned off');
	// a callback without the flow cookie (a replayed or forged link) is refused, not a 500
	const forged = await request.get('/login/sso/callback?code=abc&state=def');
	expect(forged.status()).toBe(200);
	expect(await forged.text()).toContain('Start again');
});
