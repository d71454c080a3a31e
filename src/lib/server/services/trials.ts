// Randomised trials over a published hot spot set: each experimental day (06:00 by default, as
// Thames Valley used) a seeded draw puts a fraction of the hot spots in treatment; the schedule is
// stored, released to supervisors, and "send me" offers only treated hot spots that day. Presence
// is measured in control hot spots as well — baseline police activity counts too.
import { randomBytes } from 'node:crypto';
import { dosage } from '../../domain/dosage/dosage.ts';
import { evaluateDisplacement } from '../../domain/evaluation/displacement.ts';
import { evaluateTrial } from '../../domain/evaluation/evaluate.ts';
import { buildPlaceDays } from '../../domain/evaluation/place-days.ts';
import { seedFrom } from '../../domain/random.ts';
import { experimentalDay } from '../../domain/shifts/experimental-day.ts';
import { assignDay, daysBetween, type Arm } from '../../domain/trial/randomise.ts';
import { visitsBetween } from '../db/queries/visits.ts';
import { activeHarmTable } from './harm-tables.ts';
import { timedCrimesBetween } from '../db/queries/crimes.ts';
import { getHotspotSet, hotspotIds, hotspotPolygons } from '../db/queries/hotspots.ts';
import { insertTrial, runningTrials, storeArms, storedArms, type Trial } from '../db/queries/trials.ts';
import type { ZonedDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';

export type { Trial } from '../db/queries/trials.ts';
export { getTrial, listTrials } from '../db/queries/trials.ts';

export async function createTrial(
	ctx: ZonedDeps,
	t: { setId: number; name: string; fraction: number; startDay: string; endDay: string; seed?: string; dayStartHour?: number },
	userId: number | null
): Promise<number> {
	if (!(t.fraction > 0 && t.fraction < 1)) throw new Error('fraction: between 0 and 1 (0.5 treats half)');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(t.startDay) || !/^\d{4}-\d{2}-\d{2}$/.test(t.endDay) || t.endDay < t.startDay) {
		throw new Error('days: start and end as YYYY-MM-DD, the end not before the start');
	}
	const set = await getHotspotSet(ctx.db, t.setId);
	if (!set) throw new Error(`set ${t.setId} does not exist`);
	return insertTrial(
		ctx.db,
		{
			setId: t.setId,
			name: t.name,
			// a stored seed makes every day's draw reproducible and auditable
			seed: t.seed ?? randomBytes(12).toString('hex'),
			fraction: t.fraction,
			startDay: t.startDay,
			endDay: t.endDay,
			dayStartHour: t.dayStartHour ?? 6,
			tz: ctx.config.timezone,
			createdBy: userId
		},
		ctx.now()
	);
}

export function trialDay(trial: Trial, t: number): string {
	return experimentalDay(t, { tz: trial.tz, startHour: trial.day_start_hour }).label;
}

/** The trial running now over the published set, if any. */
export async function currentTrial(ctx: ZonedDeps): Promise<Trial | null> {
	const live = await publishedHotspots(ctx.db, ctx.now());
	if (!live) return null;
	const trials = await runningTrials(ctx.db, live.set.id);
	return trials.find((t) => {
		const day = trialDay(t, ctx.now());
		return day >= t.start_day && day <= t.end_day;
	}) ?? null;
}

/** A day's arms, drawn from the stored seed the first time they are needed and stored. */
export async function assignment(ctx: ZonedDeps, trial: Trial, day: string): Promise<Map<number, Arm>> {
	const stored = await storedArms(ctx.db, trial.id, day);
	if (stored.size) return stored;
	const hotspots = await hotspotIds(ctx.db, trial.set_id);
	const arms = assignDay(trial.seed, day, hotspots, trial.fraction);
	await storeArms(ctx.db, trial.id, day, arms);
	return arms;
}

/** Hot spots "send me" may offer today: the treated ones while a trial runs, else all (null). */
export async function treatedToday(ctx: ZonedDeps): Promise<Set<number> | null> {
	const trial = await currentTrial(ctx);
	if (!trial) return null;
	const arms = await assignment(ctx, trial, trialDay(trial, ctx.now()));
	return new Set([...arms.entries()].filter(([, a]) => a === 'treatment').map(([id]) => id));
}

/**
 * The trial's evaluation so far: place-days of completed experimental days, from crime records
 * with exact times (police.uk's monthly records cannot be placed in a day), with each place's
 * patrol that day, then the fixed-effects Poisson evaluation and the 100 m buffers' reading.
 */
export async function evaluateTrialSoFar(ctx: ZonedDeps, trial: Trial, opts: { permutations?: number } = {}) {
	const boundary = { tz: trial.tz, startHour: trial.day_start_hour };
	const today = trialDay(trial, ctx.now());
	const lastDay = trial.end_day < today ? trial.end_day : previousDay(today);
	const days = lastDay >= trial.start_day ? daysBetween(trial.start_day, lastDay) : [];
	const hotspots = (await hotspotPolygons(ctx.db, trial.set_id)).map((h) => ({ id: String(h.id), polygon: h.polygon }));
	if (days.length === 0 || hotspots.length === 0) return { days: 0, records: 0, result: null, displacement: null, built: null };
	const from = experimentalDay(Date.parse(`${days[0]}T12:00:00Z`), boundary).start;
	const to = experimentalDay(Date.parse(`${days.at(-1)}T12:00:00Z`), boundary).end;
	const harm = await activeHarmTable(ctx.db);
	const records = (await timedCrimesBetween(ctx.db, from, to)).filter((r) => !harm.excluded.includes(r.category)).map((r) => ({ lon: r.lon, lat: r.lat, t: r.t, harm: r.harm }));
	// the dose each place received each day: patrol-minutes (union of inside time) and doses
	const visits = (await visitsBetween(ctx.db, from, to, { hotspots: hotspots.map((h) => Number(h.id)) })).map((v) => ({ ...v, officer: String(v.officer), hotspot: String(v.hotspot) }));
	const assignments: { day: string; hotspot: string; arm: Arm; doseMinutes: number; doses: number }[] = [];
	for (const day of days) {
		const arms = await assignment(ctx, trial, day);
		const bounds = experimentalDay(Date.parse(`${day}T12:00:00Z`), boundary);
		for (const [hotspot, arm] of arms) {
			const d = dosage(visits, String(hotspot), { from: bounds.start, to: bounds.end });
			assignments.push({ day, hotspot: String(hotspot), arm, doseMinutes: d.patrolMinutes, doses: d.doses });
		}
	}
	const built = buildPlaceDays(hotspots, records, assignments, { boundary });
	const result = evaluateTrial(built.places, { permutations: opts.permutations ?? 999, seed: seedFrom(trial.seed) });
	const displacement = evaluateDisplacement(built.buffers, { permutations: opts.permutations ?? 999, seed: seedFrom(trial.seed) });
	return { days: days.length, records: records.length, result, displacement, built: { counted: built.counted, unassigned: built.unassigned, elsewhere: built.elsewhere, sharedBuffer: built.sharedBuffer }, places: built.places };
}

function previousDay(day: string): string {
	const d = new Date(`${day}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}
