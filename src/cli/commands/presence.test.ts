import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixes, square, stand } from '../../lib/domain/presence/test-tracks.ts';
import { run } from './presence.ts';

const dir = mkdtempSync(join(tmpdir(), 'hp-presence-'));
const hotspotsFile = join(dir, 'hotspots.geojson');
writeFileSync(hotspotsFile, JSON.stringify({ type: 'FeatureCollection', features: [square('A'), square('C', 400, 0)].map((h) => ({ type: 'Feature', properties: { id: h.id }, geometry: { type: 'Polygon', coordinates: h.polygon } })) }));

function csv(name: string, rows: string[]): string {
	const path = join(dir, name);
	writeFileSync(path, ['officer,t,lat,lon,accuracy,speed', ...rows].join('\n'));
	return path;
}

afterEach(() => vi.restoreAllMocks());

describe('presence command', () => {
	it('prints one visit per line in the contract shape, in start order', async () => {
		// PC2 stands in C for 12 minutes from 0 s; PC1 in A for 5 minutes from 60 s (rows shuffled)
		const rows = [
			...fixes('PC1', [...stand(75, 75, 60, 360), ...stand(220, 75, 365, 600)]),
			...fixes('PC2', [...stand(475, 75, 0, 720), ...stand(700, 75, 725, 900)])
		].map((f, i) => `${f.officer},${i % 2 ? f.t : new Date(f.t).toISOString()},${f.lat},${f.lon},${f.accuracy},`);
		const file = csv('fixes.csv', rows.reverse());
		const out: string[] = [];
		vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
		expect(await run(['--hotspots', hotspotsFile, '--fixes', file])).toBe(0);
		const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
		expect(lines.map((l) => Object.keys(l))).toEqual([0, 1].map(() => ['officer', 'hotspot', 'start', 'end', 'minutes', 'unknownMinutes', 'mode', 'stops', 'dose']));
		expect(lines).toEqual([
			{ officer: 'PC2', hotspot: 'C', start: '2026-11-26T20:00:00.000Z', end: '2026-11-26T20:12:00.000Z', minutes: 12, unknownMinutes: 0, mode: 'foot', stops: 1, dose: true },
			{ officer: 'PC1', hotspot: 'A', start: '2026-11-26T20:01:00.000Z', end: '2026-11-26T20:06:00.000Z', minutes: 5, unknownMinutes: 0, mode: 'foot', stops: 1, dose: false }
		]);
	});

	it('refuses bad input with a reason naming the file, row and field', async () => {
		const file = csv('bad.csv', ['PC1,1795723200000,51.75,-1.25,5,', 'PC1,1795723205000,51.75,-1.25,5,-2']);
		await expect(run(['--hotspots', hotspotsFile, '--fixes', file])).rejects.toThrow(`${file}: row 3, speed: must be m/s ≥ 0 or empty, got "-2"`);
		await expect(run(['--hotspots', hotspotsFile])).rejects.toThrow('--fixes is required');
		await expect(run(['--hotspots', join(dir, 'nope.json'), '--fixes', file])).rejects.toThrow('does not exist');
	});
});
