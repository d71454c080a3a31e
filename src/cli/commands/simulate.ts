// Simulated officers walking and driving real streets, through the same socket protocol as phones.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pickHotspot } from '../../lib/domain/allocation/send-me.ts';
import { haversine, ringCentroid, type PolygonCoords } from '../../lib/domain/geo/geo.ts';
import { isLive } from '../../lib/domain/hotspots/windows.ts';
import { seededRandom } from '../../lib/domain/random.ts';
import { buildStreetGraph } from '../../lib/domain/simulation/street-graph.ts';
import type { SimHotspot } from '../../lib/domain/simulation/world.ts';
import { startSimulation } from '../../lib/sim/runner.ts';
import { args, positiveInt, required, UsageError } from '../args.ts';

export const help = `simulate --url <http://host:port> --tokens <csv> [--officers N] [--interval S] [--vehicles 0.25]
         [--basemap static/basemap/oxford.geojson] [--hotspots <geojson>] [--seconds S]
  Connects N officers from the tokens CSV (callsign,token, as "officers add" writes it), puts them
  on duty and moves them along the base map's streets. With --hotspots (GeoJSON polygons, e.g.
  from "detect --out"), they pick one as "send me" would (need and distance, no live coverage),
  walk or drive there, patrol it 10–15 minutes, record an activity and move on; without, they go
  about other duties. Runs until Ctrl-C or --seconds.`;

const ALL_DAY = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00', tz: 'Europe/London' }];

function readHotspots(file: string): SimHotspot[] {
	const features = JSON.parse(readFileSync(file, 'utf8')).features as { geometry: { type: string; coordinates: PolygonCoords }; properties?: { id?: unknown; rank?: number; windows?: SimHotspot['windows'] } }[];
	return features.flatMap((f, i) => {
		if (f.geometry?.type !== 'Polygon') return [];
		// the server's ids when the file carries them (GET /api/control/hotspots), so activities name real hot spots
		const id = typeof f.properties?.id === 'number' ? f.properties.id : i + 1;
		return [{ id, rank: f.properties?.rank ?? i + 1, polygon: f.geometry.coordinates, windows: f.properties?.windows ?? ALL_DAY }];
	});
}

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
	const interval = Number(values.interval ?? 5);
	if (!(interval >= 0.2 && interval <= 600)) throw new UsageError('--interval: seconds between fixes, 0.2–600');
	const vehicleShare = Number(values.vehicles ?? 0.25);
	if (!(vehicleShare >= 0 && vehicleShare <= 1)) throw new UsageError('--vehicles: a share from 0 to 1');
	const basemap = values.basemap ?? fileURLToPath(new URL('../../../static/basemap/oxford.geojson', import.meta.url));
	const graph = buildStreetGraph(JSON.parse(readFileSync(basemap, 'utf8')).features);
	const hotspots: SimHotspot[] = values.hotspots ? readHotspots(values.hotspots) : [];
	const random = seededRandom(1);
	const sendMe = async (_: unknown, at: { lat: number; lon: number }) =>
		pickHotspot(
			hotspots.map((h) => ({ id: h.id, metres: haversine([at.lon, at.lat], ringCentroid(h.polygon[0])), need: isLive(h.windows, Date.now()) ? 1 : 0 })),
			random
		);
	const sim = await startSimulation({ url, officers, graph, hotspots: async () => hotspots, sendMe, interval: values.interval ? interval : undefined, vehicleShare, selfSigned: url.startsWith('https:'), log: (m) => console.error(m) });
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
