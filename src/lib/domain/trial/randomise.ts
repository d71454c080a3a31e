// Daily randomisation (docs/hotspots.md, Trials; Thames Valley's RCT registration): each
// experimental day, a seeded shuffle of the set's hot spots puts `fraction` of them (half by
// default) in treatment. The seed is stored with the trial, so any day's schedule can be reproduced
// and audited.
import { seededRandom, seedFrom } from '../random.ts';

export type Arm = 'treatment' | 'control';

export function assignDay(seed: string, day: string, hotspots: number[], fraction = 0.5): Map<number, Arm> {
	const ids = [...hotspots].sort((a, b) => a - b);
	const random = seededRandom(seedFrom(`${seed}:${day}`));
	// Fisher–Yates on a sorted copy: the same seed and day give the same schedule
	for (let i = ids.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[ids[i], ids[j]] = [ids[j], ids[i]];
	}
	const treated = Math.round(ids.length * fraction);
	return new Map(ids.map((id, i) => [id, i < treated ? 'treatment' : 'control']));
}

/** Every date from `start` to `end` inclusive (YYYY-MM-DD). */
export function daysBetween(start: string, end: string): string[] {
	const out: string[] = [];
	const d = new Date(`${start}T12:00:00Z`);
	const last = new Date(`${end}T12:00:00Z`);
	while (d <= last) {
		out.push(d.toISOString().slice(0, 10));
		d.setUTCDate(d.getUTCDate() + 1);
	}
	return out;
}
