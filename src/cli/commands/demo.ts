// `npm run demo`: builds if needed, makes its own SQLite database data/demo.db with demo
// accounts, real Oxford crime records and a first hot spot set, serves the app and runs ~20
// simulated officers through the same socket protocol as phones.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../../lib/server/config.ts';
import { BUILD_ENTRY, exitOnSignal, startProduction } from '../../lib/server/production.ts';
import { buildStreetGraph } from '../../lib/domain/simulation/street-graph.ts';
import { demoCertificate, machineNames } from '../../lib/server/demo-certificate.ts';
import { backfillDemoHistory } from '../../lib/server/services/demo-history.ts';
import { demoHotspots, demoSendMe } from '../../lib/server/services/demo-patrol.ts';
import { seedDemo } from '../../lib/server/services/demo-seed.ts';
import { startSimulation } from '../../lib/sim/runner.ts';
import { args, positiveInt } from '../args.ts';

export const help = `demo [--officers 20] [--port 3000] [--no-sim] [--https]
  Runs the whole loop on embedded defaults: SQLite at data/demo.db, no Redis.
  --https  serves HTTPS with a self-signed certificate on the network address (HOST 0.0.0.0), so
           the officer app can be tried on a phone on the same network (browsers give location
           only to secure pages); the certificate is kept in data/demo-certificate.json.`;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function newestMtime(dir: string): number {
	let newest = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
	}
	return newest;
}

function buildIfNeeded(): void {
	const built = existsSync(BUILD_ENTRY) ? statSync(BUILD_ENTRY).mtimeMs : 0;
	const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'static')));
	if (built > sources) return;
	console.log('demo: building the app (once)…');
	const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('the build failed; see above');
}

export async function run(argv: string[]): Promise<number> {
	const { values } = args(argv, { officers: { type: 'string' }, port: { type: 'string' }, 'no-sim': { type: 'boolean' }, https: { type: 'boolean' } });
	const officers = positiveInt(values.officers, '--officers', 20);
	const https = values.https === true;
	buildIfNeeded();
	const config = readConfig({
		...process.env,
		DATABASE_URL: process.env.DEMO_DATABASE_URL ?? `sqlite:${join(ROOT, 'data/demo.db')}`,
		PORT: values.port ?? process.env.PORT ?? '3000',
		HOST: process.env.HOST ?? (https ? '0.0.0.0' : '127.0.0.1'),
		REDIS_URL: '',
		DEMO: '1'
	});
	const tls = https ? await demoCertificate(join(ROOT, 'data/demo-certificate.json'), Date.now()) : undefined;
	const app = await startProduction(config, { tls });
	const seeded = await seedDemo(app.app, { officers, crimeFile: join(ROOT, 'demo/oxford-centre-2024-01-04.csv') });
	const local = `${https ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
	const network = https && config.host === '0.0.0.0' ? machineNames().addresses.map((a) => `https://${a.includes(':') ? `[${a}]` : a}:${config.port}`) : [];
	console.log(`\nHotspot Patrol demo: ${local}${network.map((u) => `\n  on a phone on the same network: ${u}`).join('')}`);
	if (https) console.log('  the certificate is self-signed: accept it once in the browser (README, "Trying it on a phone")');
	console.log('  log in as officer, supervisor, commander, analyst or admin — password "demo"\n');
	const basemap = JSON.parse(readFileSync(join(ROOT, 'static/basemap/oxford.geojson'), 'utf8'));
	const graph = buildStreetGraph(basemap.features);
	// a first run gets the simulated officers' last 12 hours, so summaries and replay have a record
	const history = await backfillDemoHistory(app.app, seeded.simOfficers.map((o) => o.id), graph);
	if (history.fixes) {
		console.log(`demo: replayed the last 12 hours: ${history.fixes.toLocaleString('en-GB')} fixes, ${history.visits} visits`);
		app.app.bus.publish('hotspots:published', { setId: 0 });
	}
	if (!values['no-sim']) {
		const sim = await startSimulation({
			url: local,
			officers: seeded.simOfficers,
			graph,
			hotspots: () => demoHotspots(app.app),
			sendMe: (o, at) => demoSendMe(app.app, o.id!, at),
			seed: 7,
			selfSigned: https,
			log: (m) => console.error(`demo: ${m}`)
		});
		console.log(`demo: ${seeded.simOfficers.length} simulated officers on patrol (Ctrl-C to stop)`);
		exitOnSignal(app, () => sim.stop());
	} else {
		exitOnSignal(app);
	}
	return 0;
}
