// Gives an e2e database a past: its simulated officers' last 12 hours, walked along real Oxford
// streets and turned into visits by the batch presence engine — the demo's own backfill, so a
// shift summary has a real record to add up. Seeded through code, never by clicking.
//   node tests/e2e/seed-history.ts <sqlite path>
// Officers SIM-001… (serve.ts's E2E_OFFICERS) get teams Response A and B by turns.
import { readFileSync } from 'node:fs';
import { readConfig } from '../../src/lib/server/config.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { backfillDemoHistory } from '../../src/lib/server/services/demo-history.ts';
import { buildStreetGraph } from '../../src/lib/domain/simulation/street-graph.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: node tests/e2e/seed-history.ts <sqlite path>');
const app = await createApp(readConfig({ ...process.env, PORT: '0', DATABASE_URL: `sqlite:${path}`, REDIS_URL: '' }));
try {
	const sims = await app.db.selectFrom('users').select(['id', 'username']).where('username', 'like', 'sim-%').orderBy('username').execute();
	for (const [i, u] of sims.entries()) await app.db.updateTable('users').set({ team: i % 2 ? 'Response B' : 'Response A' }).where('id', '=', u.id).execute();
	const graph = buildStreetGraph(JSON.parse(readFileSync(new URL('../../static/basemap/oxford.geojson', import.meta.url), 'utf8')).features);
	const history = await backfillDemoHistory(app, sims.map((u) => u.id), graph);
	console.log(`seed-history: ${history.fixes} fixes, ${history.visits} visits for ${sims.length} officers`);
} finally {
	await app.close();
}
