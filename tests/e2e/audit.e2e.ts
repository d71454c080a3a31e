// Data Protection Act 2018 s.62 in practice: each operation on personal data, by each role that
// may perform it, leaves exactly one audit row naming who did what — through the real server.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import { login } from './helpers.ts';

const state = JSON.parse(readFileSync(process.env.E2E_STATE!, 'utf8')) as { db: string; deviceToken: string };
const query = <T>(q: string, ...args: unknown[]): T => {
	const d = new Database(state.db, { readonly: true, fileMustExist: true });
	try {
		return d.prepare(q).get(...args) as T;
	} finally {
		d.close();
	}
};
const rows = (actor: string, operation: string) =>
	(query<{ n: number }>('select count(*) as n from audit_log where actor = ? and operation = ?', actor, operation)).n;
const lastRow = (actor: string) => query<{ operation: string; subject: string; recipients: string | null }>('select operation, subject, recipients from audit_log where actor = ? order by id desc limit 1', actor);

/** Runs `act` and expects exactly one new row by `actor` with `operation`, its subject matching. */
async function once(actor: string, operation: string, subject: RegExp, act: () => Promise<unknown>) {
	const before = rows(actor, operation);
	const beforeAll = query<{ n: number }>('select count(*) as n from audit_log where actor = ?', actor).n;
	await act();
	await expect.poll(() => rows(actor, operation), { message: `${actor} ${operation} ${subject}` }).toBe(before + 1);
	// and nothing else by the same actor
	expect(query<{ n: number }>('select count(*) as n from audit_log where actor = ?', actor).n).toBe(beforeAll + 1);
	const last = lastRow(actor);
	expect(last.operation).toBe(operation);
	expect(last.subject).toMatch(subject);
	if (operation === 'disclosure') expect(last.recipients).toBeTruthy();
}

async function as(page: Page, user: string): Promise<APIRequestContext> {
	await login(page, user);
	// leave the home page (a control room fetches its own snapshot): only the requests below count
	await page.goto('about:blank');
	return page.request;
}

const ok = async (r: Promise<{ status(): number; url(): string }>) => {
	const res = await r;
	expect(res.status(), res.url()).toBeLessThan(400);
};

test('every operation × role leaves exactly one audit row', async ({ browser, baseURL }) => {
	const origin = { origin: baseURL! };
	const hotspot = query<{ id: number; set_id: number }>("select h.id, h.set_id from hotspots h join hotspot_sets s on s.id = h.set_id where s.status = 'published' order by h.rank limit 1");
	const withPeople = query<{ crime_id: number; person_id: number }>('select crime_id, person_id from crime_persons limit 1');

	// supervisor: positions, per-officer figures, exports
	const sgt = await as(await (await browser.newContext()).newPage(), 'sgt-bo');
	await once('sgt-bo', 'consultation', /^officer-positions$/, () => ok(sgt.get('/api/control/snapshot')));
	await once('sgt-bo', 'consultation', /^officer-positions$/, () => ok(sgt.get('/api/control/replay?hours=1')));
	await once('sgt-bo', 'consultation', /^officer-figures$/, () => ok(sgt.get('/command')));
	await once('sgt-bo', 'disclosure', /^export:visits-/, () => ok(sgt.get('/api/command/export/visits')));
	await once('sgt-bo', 'disclosure', /^export:shift-.*\.pdf$/, () => ok(sgt.get('/command/pdf')));
	await once('sgt-bo', 'disclosure', /^export:crime-.*\.csv$/, () => ok(sgt.get('/dashboard/export/csv?from=2024-01&to=2024-04')));

	// commander: aggregates are not personal data; exports are disclosures
	const insp = await as(await (await browser.newContext()).newPage(), 'insp-cy');
	const quiet = query<{ n: number }>("select count(*) as n from audit_log where actor = 'insp-cy'").n;
	await ok(insp.get('/command'));
	await ok(insp.get('/dashboard?from=2024-01&to=2024-04'));
	expect(query<{ n: number }>("select count(*) as n from audit_log where actor = 'insp-cy'").n).toBe(quiet);
	await once('insp-cy', 'disclosure', /^export:dosage-/, () => ok(insp.get('/api/command/export/dosage')));
	await once('insp-cy', 'disclosure', /^export:crime-.*\.geojson$/, () => ok(insp.get('/dashboard/export/geojson?from=2024-01&to=2024-04')));

	// analyst: people consulted, records collected and combined, briefings altered, a person disclosed
	const an = await as(await (await browser.newContext()).newPage(), 'an-di');
	await once('an-di', 'consultation', /^people-panel$/, () => ok(an.get('/dashboard?from=2024-01&to=2024-04')));
	await once('an-di', 'consultation', new RegExp(`^crime-record:${withPeople.crime_id}$`), () => ok(an.get(`/dashboard/record/${withPeople.crime_id}`)));
	await once('an-di', 'alteration', new RegExp(`^hotspot-briefing:${hotspot.id}$`), () =>
		ok(an.post(`/analyst/sets/${hotspot.set_id}?/briefing`, { headers: origin, form: { hotspot: String(hotspot.id), briefing: 'Door staff know the regulars.' } }))
	);
	await once('an-di', 'disclosure', new RegExp(`^person:${withPeople.person_id}$`), () =>
		ok(an.post('/dashboard?/brief', { headers: origin, form: { person: String(withPeople.person_id), hotspot: String(hotspot.id), note: '' } }))
	);
	const dir = mkdtempSync(join(tmpdir(), 'hp-audit-'));
	const file = join(dir, 'one.csv');
	writeFileSync(
		file,
		'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n' +
			`${randomUUID()},2024-04,Thames Valley Police,Thames Valley Police,-1.2590,51.7520,On or near Carfax,E01028522,Oxford 008A,Robbery,,\n`
	);
	await once('an-di', 'collection', /^import:\d+$/, () =>
		ok(an.post(`/api/analyst/imports?file=one.csv&job=${randomUUID()}`, { headers: { ...origin, 'content-type': 'text/csv' }, data: readFileSync(file) }))
	);

	// admin: the log consulted and exported, a user altered
	const adm = await as(await (await browser.newContext()).newPage(), 'adm-ed');
	await once('adm-ed', 'consultation', /^audit-log$/, () => ok(adm.get('/admin/audit')));
	await once('adm-ed', 'disclosure', /^export:audit-log-/, () => ok(adm.get('/admin/audit/export')));
	const target = query<{ id: number }>("select id from users where username = 'insp-cy'");
	await once('adm-ed', 'alteration', new RegExp(`^user:${target.id}$`), () => ok(adm.post('/admin', { headers: origin, form: { user: String(target.id), action: 'unlock' } })));

	// officer: going on duty starts the collection of their location, going off ends it
	const phone = io(baseURL!, { path: '/socket.io', transports: ['websocket'], auth: { token: state.deviceToken } });
	try {
		await new Promise<void>((resolve, reject) => {
			phone.once('connect', () => resolve());
			phone.once('connect_error', reject);
		});
		const callsign = 'TV-101';
		await phone.emitWithAck('duty:set', { onDuty: false });
		await once(callsign, 'collection', /^officer-location:\d+$/, () => phone.emitWithAck('duty:set', { onDuty: true }));
		await once(callsign, 'collection', /^officer-location:\d+$/, () => phone.emitWithAck('duty:set', { onDuty: false }));
	} finally {
		phone.close();
	}

	// roles that may not: refused, and nothing written in their name
	const pc = await as(await (await browser.newContext()).newPage(), 'pc-ada');
	const before = query<{ n: number }>("select count(*) as n from audit_log where actor = 'pc-ada'").n;
	expect((await pc.get('/dashboard/export/csv')).status()).toBe(403);
	expect((await pc.get('/api/control/snapshot')).status()).toBe(403);
	expect((await insp.get('/admin/audit')).status()).toBe(403);
	expect(query<{ n: number }>("select count(*) as n from audit_log where actor = 'pc-ada'").n).toBe(before);
});
