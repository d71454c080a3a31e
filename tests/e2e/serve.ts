// The end-to-end server: the production build on a fresh SQLite database, seeded through code
// (users, the fixture crime records, a published hot spot set) before it listens. Never seeded by
// clicking.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/lib/server/config.ts';
import { createContext } from '../../src/lib/server/context.ts';
import { exitOnSignal, startProduction } from '../../src/lib/server/production.ts';
import { createToken, createUser } from '../../src/lib/server/services/auth.ts';
import { DETECTION_DEFAULTS, publishSet, runDetection } from '../../src/lib/server/services/detection.ts';
import { importFile } from '../../src/lib/server/services/imports.ts';
import { E2E_USERS } from './users.ts';

const dir = mkdtempSync(join(tmpdir(), 'hp-e2e-'));
const config = readConfig({
	...process.env,
	PORT: process.env.E2E_PORT ?? '4319',
	HOST: '127.0.0.1',
	DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`,
	REDIS_URL: ''
});

const seed = await createContext(config);
const now = seed.now();
const users = new Map<string, number>();
for (const u of E2E_USERS) users.set(u.username, (await createUser(seed.db, u, now)).id);
// what tests need to know of the seed: a device token for the officer's own phone apps
const state = { deviceToken: await createToken(seed.db, users.get('pc-ada')!, 'device', 'e2e phone app', now) };
writeFileSync(process.env.E2E_STATE ?? join(dir, 'state.json'), JSON.stringify(state));
const r = await importFile(seed.db, new URL('../fixtures/police-uk/oxford-centre-2024-01.csv', import.meta.url).pathname, { now });
if (r.status !== 'imported') throw new Error(`e2e seed: ${r.error ?? r.status}`);
const { setId } = await runDetection(seed, 'E2E Oxford', { ...DETECTION_DEFAULTS, cellM: 100 }, null);
await publishSet(seed, setId);
await seed.close();

exitOnSignal(await startProduction(config));
console.log(`e2e server ready on ${config.port} (${dir})`);
