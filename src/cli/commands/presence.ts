// `presence`: replays a fixes file through the presence engine, no database.
import { existsSync, readFileSync } from 'node:fs';
import { detectVisits, visitLine } from '../../lib/domain/presence/detect-visits.ts';
import { parseFixesCsv, parseHotspots } from '../../lib/domain/presence/replay-input.ts';
import { args, required, UsageError } from '../args.ts';

export const help = `presence --hotspots <geojson> --fixes <csv>
  Replays the fixes, per officer in device-time order, through the presence rules and prints
  one visit per line as JSON, in start order:
    {"officer","hotspot","start","end","minutes","unknownMinutes","mode","stops","dose"}
  --hotspots  GeoJSON FeatureCollection of Polygon features, each with a string properties.id
  --fixes     CSV with the header officer,t,lat,lon,accuracy,speed (t: epoch ms or ISO 8601 with
              an offset; speed in m/s, may be empty). Visits still open at the end of the file
              close at their last inside fix.`;

function read(path: string, flag: string): string {
	if (!existsSync(path)) throw new UsageError(`${flag}: ${path} does not exist`);
	return readFileSync(path, 'utf8');
}

export async function run(argv: string[]): Promise<number> {
	const { values } = args(argv, { hotspots: { type: 'string' }, fixes: { type: 'string' } });
	const hotspotsFile = required(values.hotspots, '--hotspots');
	const fixesFile = required(values.fixes, '--fixes');
	let json: unknown;
	try {
		json = JSON.parse(read(hotspotsFile, '--hotspots'));
	} catch (e) {
		if (e instanceof UsageError) throw e;
		throw new UsageError(`${hotspotsFile}: not JSON (${(e as Error).message.split('\n')[0]})`);
	}
	const hotspots = parseHotspots(json, hotspotsFile);
	if (!hotspots.ok) throw new UsageError(hotspots.error);
	const fixes = parseFixesCsv(read(fixesFile, '--fixes'), fixesFile);
	if (!fixes.ok) throw new UsageError(fixes.error);
	const { visits } = detectVisits(fixes.value, hotspots.value);
	if (visits.length > 0) process.stdout.write(visits.map((v) => JSON.stringify(visitLine(v))).join('\n') + '\n');
	return 0;
}
