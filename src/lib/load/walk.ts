// Officers walking around central Oxford, one plausible step per fix: no street graph (that is the
// simulator's job), just headings that wander and turn back inside a radius, so the server's
// quality rules (speed, accuracy) see ordinary foot patrol. State in typed arrays: at 20,000
// officers × 10 Hz the generator must not allocate per step.

const M_PER_DEG_LAT = 111_320;

export interface WalkOptions {
	centre?: { lat: number; lon: number };
	/** officers stay roughly within this many metres of the centre */
	radiusM?: number;
}

export class Walkers {
	readonly lat: Float64Array;
	readonly lon: Float64Array;
	readonly speed: Float64Array;
	private readonly heading: Float64Array;
	private readonly random: () => number;
	private readonly centre: { lat: number; lon: number };
	private readonly radiusM: number;
	private readonly mPerDegLon: number;

	constructor(n: number, random: () => number, opts: WalkOptions = {}) {
		this.random = random;
		this.centre = opts.centre ?? { lat: 51.752, lon: -1.258 };
		this.radiusM = opts.radiusM ?? 1200;
		this.mPerDegLon = M_PER_DEG_LAT * Math.cos((this.centre.lat * Math.PI) / 180);
		this.lat = new Float64Array(n);
		this.lon = new Float64Array(n);
		this.speed = new Float64Array(n);
		this.heading = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			const r = this.radiusM * Math.sqrt(random());
			const a = random() * 2 * Math.PI;
			this.lat[i] = this.centre.lat + (r * Math.cos(a)) / M_PER_DEG_LAT;
			this.lon[i] = this.centre.lon + (r * Math.sin(a)) / this.mPerDegLon;
			this.heading[i] = random() * 2 * Math.PI;
			// walking pace, 1.1–1.7 m/s
			this.speed[i] = 1.1 + random() * 0.6;
		}
	}

	/** Moves officer i on by dt seconds. */
	step(i: number, dtS: number): void {
		const north = (this.lat[i] - this.centre.lat) * M_PER_DEG_LAT;
		const east = (this.lon[i] - this.centre.lon) * this.mPerDegLon;
		let h = this.heading[i] + (this.random() - 0.5) * 0.6;
		if (north * north + east * east > this.radiusM * this.radiusM) h = Math.atan2(-east, -north) + (this.random() - 0.5);
		this.heading[i] = h;
		const d = this.speed[i] * dtS;
		this.lat[i] += (d * Math.cos(h)) / M_PER_DEG_LAT;
		this.lon[i] += (d * Math.sin(h)) / this.mPerDegLon;
	}

	/** metres from the centre, for tests */
	distanceFromCentre(i: number): number {
		const north = (this.lat[i] - this.centre.lat) * M_PER_DEG_LAT;
		const east = (this.lon[i] - this.centre.lon) * this.mPerDegLon;
		return Math.hypot(north, east);
	}
}

/**
 * Fix ids are uuid-shaped: a random prefix for the run and the fix's sequence number in the last
 * group. The tool then keeps no id strings: an ack, a fan-out or a database row maps straight back
 * to the fix's number.
 */
export function fixIdPrefix(uuid: string): string {
	return uuid.slice(0, 24);
}

export function fixId(prefix: string, seq: number): string {
	return prefix + seq.toString(16).padStart(12, '0');
}

/** The sequence number of one of this run's ids, or -1. */
export function fixSeq(prefix: string, id: string): number {
	if (id.length !== 36 || !id.startsWith(prefix)) return -1;
	const n = Number.parseInt(id.slice(24), 16);
	return Number.isNaN(n) ? -1 : n;
}
