// Publishing and restoring switch the live picture at once ([3/6] review): presence and the
// control room's states follow the set that is live, and a restore brings the earlier set's hot
// spots back — not only the hot spot list, but the engines' index and the coverage states.
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { DETECTION_DEFAULTS, runDetection } from '../../src/lib/server/services/detection.ts';
import { importFile } from '../../src/lib/server/services/imports.ts';
import { confirmPublish, restorePrevious } from '../../src/lib/server/services/publish.ts';
import { publishedHotspots } from '../../src/lib/server/services/hotspots.ts';
import { startTestServer, testConfig, testDatabases } from './harness.ts';

const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

const FIXTURE = new URL('../fixtures/police-uk/oxford-centre-2024-01.csv', import.meta.url).pathname;

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	it('puts presence and the control room on the set just published, and back on the earlier one after a restore', async () => {
		let now = DateTime.fromISO('2024-05-08T12:00', { zone: 'Europe/London' }).toMillis();
		const server = await startTestServer(testConfig(database.fresh()), { now: () => now });
		const { app } = server;
		try {
			expect((await importFile(app.db, FIXTURE, { now })).status).toBe('imported');
			const a = await runDetection(app, 'A', { ...DETECTION_DEFAULTS, cellM: 100, top: 5, capacity: null }, null);
			const b = await runDetection(app, 'B', { ...DETECTION_DEFAULTS, cellM: 150, top: 4, capacity: null }, null);
			const ids = async (setId: number) => (await app.db.selectFrom('hotspots').select('id').where('set_id', '=', setId).execute()).map((r) => r.id).sort((x, y) => x - y);
			const live = async () => {
				await app.presence.settle();
				return app.presence.statuses().map((s) => s.hotspot).sort((x, y) => x - y);
			};
			await confirmPublish(app, null, a.setId, 4 * 3600);
			expect(await live()).toEqual(await ids(a.setId));
			now += 60_000;
			await confirmPublish(app, null, b.setId, 4 * 3600);
			expect(await live()).toEqual(await ids(b.setId));
			now += 60_000;
			const restored = await restorePrevious(app, null);
			expect(restored?.restored.id).toBe(a.setId);
			expect((await publishedHotspots(app.db, now))?.set.id).toBe(a.setId);
			expect(await live()).toEqual(await ids(a.setId));
		} finally {
			await server.close();
		}
	}, 120_000);
});
