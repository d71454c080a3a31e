import { describe, expect, it } from 'vitest';
import { mmss, timerMs } from './visit-timer.ts';

const T = 1_700_000_000_000;

describe('timerMs', () => {
	const v = { insideMs: 125_000, asOf: T, insideNow: true, ended: false };

	it('counts on from the engine’s latest fix while the officer is inside', () => {
		expect(timerMs(v, T + 30_000, T + 28_000)).toBe(155_000);
		// before the engine's fix (a phone clock read early): never counts back
		expect(timerMs(v, T - 5000, null)).toBe(125_000);
	});

	it('holds still on an excursion and once the visit ended', () => {
		expect(timerMs({ ...v, insideNow: false }, T + 30_000, T + 29_000)).toBe(125_000);
		expect(timerMs({ ...v, ended: true }, T + 30_000, T + 29_000)).toBe(125_000);
	});

	it('stops 60 s after the phone’s own latest position, as the engine would call the rest unknown', () => {
		expect(timerMs(v, T + 300_000, T + 10_000)).toBe(125_000 + 70_000);
	});

	it('never counts past the 10-minute silence that ends a visit', () => {
		expect(timerMs(v, T + 3600_000, null)).toBe(125_000 + 600_000);
	});
});

describe('mmss', () => {
	it('writes minutes and seconds', () => {
		expect(mmss(0)).toBe('0:00');
		expect(mmss(75_999)).toBe('1:15');
		expect(mmss(75 * 60_000 + 4000)).toBe('75:04');
	});
});
