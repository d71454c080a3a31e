import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { LonLat } from '../geo/geo.ts';
import { neglectedHotspots, type SimHotspot } from './world.ts';

const square = (lon: number): LonLat[][] => [[[lon, 51.75], [lon + 0.001, 51.75], [lon + 0.001, 51.751], [lon, 51.751], [lon, 51.75]]];
const every = [1, 2, 3, 4, 5, 6, 7];
const spot = (id: number, rank: number, from: string, to: string): SimHotspot => ({ id, rank, polygon: square(id / 100), windows: [{ days: every, from, to, tz: 'Europe/London' }] });
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toMillis();

describe('the hot spot the demo leaves for a supervisor', () => {
	it('is the live one whose window opened first: the first to fall into a gap', () => {
		const set = [spot(1, 1, '10:00', '22:00'), spot(2, 2, '06:00', '18:00'), spot(3, 3, '20:00', '23:00')];
		expect(neglectedHotspots(set, at('2026-03-10T12:00'))).toEqual([2]);
		// after 18:00 the day window is shut; 20:00–23:00 opened after 10:00
		expect(neglectedHotspots(set, at('2026-03-10T21:00'))).toEqual([1]);
	});

	it('on a tie, the least harmful (highest rank number); none when nothing is live', () => {
		const set = [spot(1, 1, '06:00', '18:00'), spot(2, 5, '06:00', '18:00'), spot(3, 2, '06:00', '18:00')];
		expect(neglectedHotspots(set, at('2026-03-10T09:00'))).toEqual([2]);
		expect(neglectedHotspots(set, at('2026-03-10T09:00'), 2)).toEqual([2, 3]);
		expect(neglectedHotspots(set, at('2026-03-10T20:00'))).toEqual([]);
		expect(neglectedHotspots(set, at('2026-03-10T09:00'), 0)).toEqual([]);
	});
});
