// The end-to-end server: the production build on a SQLite database, seeded through code (users,
// the fixture crime records, a published hot spot set) before it listens. Never seeded by
// clicking. Options, for tests that start their own server:
//   E2E_DB=<path>        reuse this database (seeded only when new), so a test can restart the server
//   E2E_OFFICERS=N       N more officers SIM-001… with device tokens, for simulations
//   E2E_TARGET_S=S       the published set's target interval between doses, seconds
//   E2E_LIVE_FROM=HH:MM  every hot spot is live from this local time (to six hours later)
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/lib/server/config.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { exitOnSignal, startProduction } from '../../src/lib/server/production.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { DETECTION_DEFAULTS, publishSet, runDetection } from '../../src/lib/server/services/detection.ts';
import { importFile } from '../../src/lib/server/services/imports.ts';
import { parseMapping } from '../../src/lib/domain/import/formats/mapping.ts';
import { E2E_USERS } from './users.ts';

const dir = mkdtempSync(join(tmpdir(), 'hp-e2e-'));
const dbPath = process.env.E2E_DB ?? join(dir, 'e2e.db');
const fresh = !existsSync(dbPath);
const config = readConfig({
	...process.env,
	PORT: process.env.E2E_PORT ?? '4319',
	HOST: '127.0.0.1',
	DATABASE_URL: `sqlite:${dbPath}`,
	REDIS_URL: '',
	// every spec logs in from 127.0.0.1; the limiter itself is tested in integration
	LOGIN_RATE_PER_MINUTE: process.env.LOGIN_RATE_PER_MINUTE ?? '10000',
	// a line per request would bury what matters in the test output
	LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn'
});

if (fresh) {
	const seed = await createApp(config);
	const now = seed.now();
	const users = new Map<string, number>();
	for (const u of E2E_USERS) users.set(u.username, (await createUser(seed.db, u, now)).id);
	const simulated: { callsign: string; token: string }[] = [];
	for (let i = 1; i <= Number(process.env.E2E_OFFICERS ?? 0); i++) {
		const callsign = `SIM-${String(i).padStart(3, '0')}`;
		const u = await createUser(seed.db, { username: callsign.toLowerCase(), role: 'officer', callsign }, now);
		simulated.push({ callsign, token: await createToken(seed.db, u.id, 'device', 'e2e simulator', now) });
	}
	// what tests must know of the seed: device tokens
	const state = { deviceToken: await createToken(seed.db, users.get('pc-ada')!, 'device', 'e2e phone app', now), simulated, db: dbPath };
	writeFileSync(process.env.E2E_STATE ?? join(dir, 'state.json'), JSON.stringify(state));
	const r = await importFile(seed.db, new URL('../fixtures/police-uk/oxford-centre-2024-01.csv', import.meta.url).pathname, { now });
	if (r.status !== 'imported') throw new Error(`e2e seed: ${r.error ?? r.status}`);
	const { setId } = await runDetection(seed, 'E2E Oxford', { ...DETECTION_DEFAULTS, cellM: 100 }, null);
	const from = process.env.E2E_LIVE_FROM;
	if (from) {
		const [h, m] = from.split(':').map(Number);
		const to = `${String((h + 6) % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
		const windows = JSON.stringify([{ days: [1, 2, 3, 4, 5, 6, 7], from, to, tz: 'Europe/London' }]);
		await seed.db.updateTable('hotspots').set({ windows }).where('set_id', '=', setId).execute();
	}
	await publishSet(seed, setId, Number(process.env.E2E_TARGET_S ?? 4 * 3600));
	// after detection, so the published set is the police.uk one: a clearly synthetic force file
	// with times and people involved, for the dashboard's grid and people panel
	const people = await importFile(seed.db, new URL('../fixtures/force/synthetic-people-2024.csv', import.meta.url).pathname, {
		now,
		mapping: parseMapping(JSON.parse(readFileSync(new URL('../fixtures/mappings/force-people.json', import.meta.url), 'utf8')))
	});
	if (people.status !== 'imported') throw new Error(`e2e seed: ${people.error ?? people.status}`);
	await seed.close();
}

exitOnSignal(await startProduction(config));
console.log(`e2e server ready on ${config.port} (${dbPath})`);
