// A simulated phone's GPS: what it reports for where the officer truly is. Like real phones
// outdoors in a town centre: a stated accuracy of about 5–20 m (now and then worse, under trees
// or between tall buildings), an error that wanders slowly rather than jumping fix to fix
// (GPS error is correlated over tens of seconds), and now and then no fix at all for a while.

import type { LonLat } from '../geo/geo.ts';

export interface Phone {
	/** this handset's usual accuracy, metres */
	baseAccuracy: number;
	/** the current error, metres east and north */
	ex: number;
	ey: number;
	lastT: number;
	silentUntil: number;
	nextSilenceAt: number;
}

export interface Reading {
	lat: number;
	lon: number;
	/** metres, the 68 % radius phones report */
	accuracy: number;
}

/** seconds over which the error forgets itself */
const ERROR_MEMORY_S = 25;
/** on average one silence this often */
const SILENCE_EVERY_MS = 25 * 60_000;

export function gaussian(random: () => number): number {
	const u = Math.max(1e-12, random());
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function newPhone(now: number, random: () => number): Phone {
	return {
		baseAccuracy: 5 + random() * 7,
		ex: 0,
		ey: 0,
		lastT: now,
		silentUntil: 0,
		nextSilenceAt: now + -Math.log(Math.max(1e-9, random())) * SILENCE_EVERY_MS
	};
}

/** mostly under a minute (unnoticed by presence); some 1–2.5 min (unknown time); rarely 3–6 min */
function silenceMs(random: () => number): number {
	const r = random();
	if (r < 0.65) return 10_000 + random() * 35_000;
	if (r < 0.95) return 60_000 + random() * 90_000;
	return 180_000 + random() * 180_000;
}

/** The phone's reading at time t for the true position, or null while it has no fix. */
export function read(phone: Phone, truth: LonLat, t: number, random: () => number): Reading | null {
	if (t >= phone.nextSilenceAt) {
		phone.silentUntil = t + silenceMs(random);
		phone.nextSilenceAt = phone.silentUntil + -Math.log(Math.max(1e-9, random())) * SILENCE_EVERY_MS;
	}
	if (t < phone.silentUntil) return null;
	const poor = random() < 0.03;
	const accuracy = Math.min(45, Math.max(4, phone.baseAccuracy * Math.exp(0.3 * gaussian(random)) * (poor ? 2.5 : 1)));
	// per axis σ ≈ accuracy ÷ 1.515, so 68 % of fixes fall within `accuracy` (docs/presence.md rule 2)
	const sigma = accuracy / 1.515;
	const rho = Math.exp(-Math.max(0, t - phone.lastT) / 1000 / ERROR_MEMORY_S);
	const keep = Math.sqrt(1 - rho * rho);
	phone.ex = rho * phone.ex + keep * sigma * gaussian(random);
	phone.ey = rho * phone.ey + keep * sigma * gaussian(random);
	phone.lastT = t;
	return {
		lon: truth[0] + phone.ex / (111_320 * Math.cos((truth[1] * Math.PI) / 180)),
		lat: truth[1] + phone.ey / 110_574,
		accuracy: Math.round(accuracy * 10) / 10
	};
}
