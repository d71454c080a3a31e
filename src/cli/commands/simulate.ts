// Simulated officers walking and driving real streets, through the same socket protocol as phones.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LonLat } from '../../lib/domain/geo/geo.ts';
import { buildStreetGraph } from '../../lib/sim/graph.ts';
import { startSimulation } from '../../lib/sim/runner.ts';
import { args, positiveInt, required, UsageError } from '../args.ts';

export const help = `simulate --url <http://host:port> --tokens <csv> [--officers N] [--interval 2] [--vehicles 0.25]
         [--basemap static/basemap/oxford.geojson] [--hotspots <geojson>] [--seconds S]
  Connects N officers from the tokens CSV (callsign,token, as "officers add" writes it), puts them
  on duty and moves them along the base map's streets, walkers patrolling hot spots for 10–15
  minutes. Runs until Ctrl-C or --seconds.`;

export async function run(argv: string[]): Promise<number> {
	const { values } = args(argv, {
		url: { type: 'string' },
		tokens: { type: 'string' },
		officers: { type: 'string' },
		interval: { type: 'string' },
		vehicles: { type: 'string' },
		basemap: { type: 'string' },
		hotspots: { type: 'string' },
		seconds: { type: 'string' }
	});
	const url = required(values.url, '--url');
	if (!/^https?:\/\//.test(url)) throw new UsageError(`--url must be http(s)://…, got "${url}"`);
	const rows = readFileSync(required(values.tokens, '--tokens'), 'utf8').trim().split(/\r?\n/);
	if (rows[0] !== 'callsign,token') throw new UsageError(`--tokens: expected a header "callsign,token", got "${rows[0]}"`);
	const all = rows.slice(1).map((r, i) => {
		const [callsign, token] = r.split(',');
		if (!callsign || !token) throw new UsageError(`--tokens: row ${i + 2} is not "callsign,token"`);
		return { callsign, token };
	});
	const officers = all.slice(0, positiveInt(values.officers, '--officers', all.length));
	const interval = Number(values.interval ?? 2);
	if (!(interval >= 0.2 && interval <= 600)) throw new UsageError('--interval: seconds between fixes, 0.2–600');
	const vehicleShare = Number(values.vehicles ?? 0.25);
	if (!(vehicleShare >= 0 && vehicleShare <= 1)) throw new UsageError('--vehicles: a share from 0 to 1');
	const basemap = values.basemap ?? fileURLToPath(new URL('../../../static/basemap/oxford.geojson', import.meta.url));
	const graph = buildStreetGraph(JSON.parse(readFileSync(basemap, 'utf8')).features);
	const targets: LonLat[] = values.hotspots
		? JSON.parse(readFileSync(values.hotspots, 'utf8')).features.map((f: { geometry: { coordinates: LonLat[][] } }) => f.geometry.coordinates[0][0])
		: [];
	const sim = await startSimulation({ url, officers, graph, targets, interval, vehicleShare, log: (m) => console.error(m) });
	console.log(`simulating ${officers.length} officers against ${url}`);
	const stop = async () => {
		await sim.stop();
		const s = sim.stats();
		console.log(`sent ${s.sent}, acked ${s.acked}, errors ${s.errors}`);
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	if (values.seconds) setTimeout(() => void stop(), positiveInt(values.seconds, '--seconds') * 1000);
	return 0;
}
