// The audit log names people and places by reference only: administrators read it (and its CSV)
// and see no operational or personal detail. Every audited operation that can touch a person, a
// note, a place or a position is run here on both databases, with a force file of clearly
// synthetic people; then no audit row may hold any person's name or date of birth, the analyst's
// note, a hot spot's name, a drawn map box, a typed area name or the imported file's name — nor
// an officer's username, callsign or team, nor a name typed at a failed login.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { insertHotspots, insertHotspotSet } from '../../src/lib/server/db/queries/hotspots.ts';
import { parseMapping } from '../../src/lib/domain/import/formats/mapping.ts';
import { changeUser } from '../../src/lib/server/services/admin.ts';
import { issueDeviceToken } from '../../src/lib/server/services/device-tokens.ts';
import { signIn } from '../../src/lib/server/services/login.ts';
import { addUser, resetPassword, updateUser } from '../../src/lib/server/services/users.ts';
import { createUser } from '../../src/lib/server/services/auth.ts';
import { exportDashboard } from '../../src/lib/server/services/dashboard-export.ts';
import { addPersonToBriefing, dashboardView, type Viewer } from '../../src/lib/server/services/dashboard-view.ts';
import { publishSet } from '../../src/lib/server/services/detection.ts';
import { setDuty } from '../../src/lib/server/services/duty.ts';
import { importFile } from '../../src/lib/server/services/imports.ts';
import { startTestServer, testConfig, testDatabases } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const root = new URL('../..', import.meta.url).pathname;
const PEOPLE = join(root, 'tests/fixtures/force/synthetic-people-2024.csv');
const mapping = parseMapping(JSON.parse(readFileSync(join(root, 'tests/fixtures/mappings/force-people.json'), 'utf8')));
const NOTE = 'Seen with a blue holdall near the bus station';
const BOX = 'bbox:-1.2700,51.7480,-1.2500,51.7600';
const route = (path: string) => import(join(root, 'src/routes', path)) as Promise<Record<string, (event: unknown) => Promise<unknown>>>;

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	it('keeps names, dates of birth, notes, places and positions out of every audit row', async () => {
		const now = DateTime.fromISO('2024-05-08T10:00', { zone: 'Europe/London' }).toMillis();
		const server = await startTestServer(testConfig(database.fresh()), { now: () => now });
		const { app: ctx } = server;
		try {
			const mk = async (username: string, role: Viewer['role'], extra: { callsign?: string; team?: string } = {}) => ({ ...(await createUser(ctx.db, { username, role, ...extra }, now)), role });
			const analyst = await mk('an-priv', 'analyst');
			const supervisor = await mk('sup-priv', 'supervisor');
			const commander = await mk('cmd-priv', 'commander');
			const admin = await mk('adm-priv', 'admin');
			const officer = await mk('pc-priv', 'officer', { callsign: 'PV-1', team: 'Response A' });
			expect((await importFile(ctx.db, PEOPLE, { now, mapping, actor: { id: analyst.id, name: analyst.username } })).status).toBe('imported');
			const setId = await insertHotspotSet(ctx.db, { name: 'Centre', params: {}, targetIntervalS: 4 * 3600, createdBy: null }, now);
			const r = [-1.2620, 51.7510, -1.2570, 51.7540] as [number, number, number, number];
			await insertHotspots(ctx.db, setId, [
				{ key: 'k', rank: 1, name: 'Gloucester Green', polygon: [[[r[0], r[1]], [r[2], r[1]], [r[2], r[3]], [r[0], r[3]], [r[0], r[1]]]], centroid: [-1.2595, 51.7525], bbox: r, crimes: 0, harm: 0, z: 3, p: 0.01, windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00', tz: 'Europe/London' }], why: '', briefing: '' }
			]);
			await publishSet(ctx, setId);
			const spot = (await ctx.db.selectFrom('hotspots').select(['id', 'name']).executeTakeFirstOrThrow()).id;
			const viewer = (u: typeof analyst): Viewer => ({ id: u.id, username: u.username, role: u.role });

			// the analyst's people panel under a drawn box and a typed area, a record's people, a person briefed
			const lsoa = (await ctx.db.selectFrom('crime_records').select('lsoa_name').where('lsoa_name', 'is not', null).executeTakeFirst())?.lsoa_name;
			for (const area of [BOX, `lsoa:${lsoa ?? 'Oxford 008'}`, 'all']) await dashboardView(ctx, viewer(analyst), new URLSearchParams({ from: '2024-01', to: '2024-04', area }));
			const linked = await ctx.db.selectFrom('crime_persons').select(['crime_id', 'person_id']).where('role', '=', 'suspect').executeTakeFirstOrThrow();
			const record = await route('dashboard/record/[id]/+page.server.ts');
			await record.load({ params: { id: String(linked.crime_id) }, locals: { app: ctx, user: analyst }, url: new URL('http://x/dashboard/record') });
			await addPersonToBriefing(ctx, viewer(analyst), linked.person_id, spot, NOTE);
			// exports of records, visits and activities; the control room's looks at positions
			await exportDashboard(ctx, viewer(supervisor), new URLSearchParams({ from: '2024-01', to: '2024-04', area: BOX }), 'csv');
			const exp = await route('api/command/export/[kind]/+server.ts');
			for (const user of [supervisor, commander]) for (const kind of ['visits', 'activities', 'dosage']) await exp.GET({ params: { kind }, url: new URL(`http://x/api/command/export/${kind}?from=2024-05-01&to=2024-05-08`), locals: { app: ctx, user } });
			await (await route('api/control/snapshot/+server.ts')).GET({ locals: { app: ctx, user: supervisor } });
			await (await route('api/control/replay/+server.ts')).GET({ locals: { app: ctx, user: supervisor }, url: new URL('http://x/api/control/replay?hours=2') });
			// users changed by an administrator; an officer's duty (the collection of their location)
			for (const action of ['disable', 'enable', 'unlock'] as const) await changeUser(ctx, { id: admin.id, username: admin.username }, officer.id, action);
			// made, changed and reset in /admin; device tokens issued by the admin and by the officer; logins
			const by = { id: admin.id, username: admin.username };
			const made = await addUser(ctx, by, { username: 'pc-made', role: 'officer', callsign: 'PV-2', team: 'Response B', token: 'device' }, { temporary: true });
			await updateUser(ctx, by, made.user.id, { callsign: 'PV-3', team: 'Response C' });
			await resetPassword(ctx, by, made.user.id);
			await issueDeviceToken(ctx, by, made.user.id, 'https://patrol.example');
			await issueDeviceToken(ctx, { id: officer.id, username: 'PV-1' }, officer.id, 'https://patrol.example');
			const policy = { idleMinutes: 60, maxHours: 12, maxFailures: 5, lockMinutes: 15, requireTotp: [] };
			await signIn(ctx, { username: 'pc-made', password: 'not the password', address: '10.1.2.3' }, policy);
			// a place typed where a username goes is not kept
			await signIn(ctx, { username: 'Gloucester Green', password: 'x', address: '10.1.2.3' }, policy);
			await setDuty(ctx, { id: officer.id, callsign: 'PV-1' }, true);
			await setDuty(ctx, { id: officer.id, callsign: 'PV-1' }, false);

			const rows = await ctx.db.selectFrom('audit_log').selectAll().execute();
			expect(new Set(rows.map((x) => x.operation))).toEqual(new Set(['collection', 'combination', 'consultation', 'disclosure', 'alteration']));
			const persons = await ctx.db.selectFrom('persons').select(['name', 'dob']).execute();
			const secrets = [
				...persons.flatMap((p) => [p.name, p.dob]).filter((x): x is string => !!x),
				NOTE,
				'Gloucester Green',
				BOX.slice(5),
				'-1.27',
				lsoa ?? 'Oxford 008',
				'synthetic-people-2024',
				'PV-1',
				'PV-2',
				'PV-3',
				'Response A',
				'Response B',
				'Response C',
				'pc-made',
				'pc-priv'
			];
			const leaks = rows.flatMap((x) => {
				const text = [x.subject, x.detail, x.recipients ?? ''].join(' ');
				// as written, and as a URL query would carry it ("Oxford+008")
				const forms = (s: string) => [s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)];
				return secrets.filter((s) => forms(s).some((f) => text.includes(f))).map((s) => `row ${x.id} (${x.operation} ${x.subject}) holds "${s}"`);
			});
			expect(leaks).toEqual([]);
			// what the disclosure keeps: the person and the hot spot by reference
			const briefed = rows.find((x) => x.subject === `person:${linked.person_id}`)!;
			expect([briefed.operation, JSON.parse(briefed.detail).hotspot, briefed.recipients]).toEqual(['disclosure', spot, `officers briefed at hot spot ${spot}`]);
		} finally {
			await server.close();
		}
	});
});
