// The officer's visit timer is the presence engine's current visit (docs/presence.md, The current
// visit), not a count the phone keeps on its own: the phone gets the engine's inside time as of
// its latest applied fix and counts on between updates. An update goes out when a visit starts or
// ends, at each whole minute inside, and when the officer steps out of or back into the hot spot,
// so a silence, a late fold or a rebuild never leaves the phone with a visit the engine no longer has.
import type { CurrentVisit, VisitRecord } from '../../domain/presence/types.ts';
import type { PresenceUpdate } from '../../realtime/contract.ts';
import { visitsBetween } from '../db/queries/visits.ts';
import type { DbDeps } from './deps.ts';

/** docs/presence.md rule 4: a silence longer than this ends a visit */
const SILENCE_MS = 10 * 60_000;
const DOSE_MS = 10 * 60_000;

export function timerUpdate(v: CurrentVisit, name: string | null, at: number): PresenceUpdate {
	const hotspot = Number(v.hotspot);
	return { hotspot, hotspotName: name, visitStart: v.start, minutesInside: v.minutes, insideMs: v.insideMs, asOf: v.asOf, insideNow: v.insideNow, dose: v.minutes >= 10, ended: false, at };
}

function endedUpdate(last: PresenceUpdate, final: VisitRecord | undefined, at: number): PresenceUpdate {
	if (!final) return { ...last, insideNow: false, ended: true, at };
	return { ...last, minutesInside: final.minutes, insideMs: final.insideMs, asOf: final.end, insideNow: false, dose: final.dose, ended: true, at };
}

/** What each officer's phone was last told, so only changes are sent. */
export class VisitTimers {
	private sent = new Map<number, Map<number, { key: string; update: PresenceUpdate }>>();
	private readonly name: (hotspot: number) => string | null;

	constructor(name: (hotspot: number) => string | null) {
		this.name = name;
	}

	/** true when the officer's phone shows a visit: only then can a quiet advance change it */
	watching(officer: number): boolean {
		return this.sent.has(officer);
	}

	/**
	 * The updates for the officer's phone after their engine moved: `current` is the engine's
	 * `current()`, `ended` the final records of visits that ended in this step (by hot spot id).
	 */
	diff(officer: number, current: CurrentVisit[], ended: Map<string, VisitRecord>, at: number): PresenceUpdate[] {
		const before = this.sent.get(officer) ?? new Map<number, { key: string; update: PresenceUpdate }>();
		const after = new Map<number, { key: string; update: PresenceUpdate }>();
		const out: PresenceUpdate[] = [];
		for (const v of current) {
			const update = timerUpdate(v, this.name(Number(v.hotspot)), at);
			const key = `${v.start}:${v.insideNow}:${Math.floor(v.insideMs / 60_000)}`;
			after.set(update.hotspot!, { key, update });
			if (before.get(update.hotspot!)?.key !== key) out.push(update);
		}
		for (const [hotspot, was] of before) {
			const now = after.get(hotspot);
			if (now && now.update.visitStart === was.update.visitStart) continue;
			const final = ended.get(String(hotspot));
			out.push(endedUpdate(was.update, final && final.start === was.update.visitStart ? final : undefined, at));
		}
		if (after.size) this.sent.set(officer, after);
		else this.sent.delete(officer);
		return out;
	}

	forget(officer: number): void {
		this.sent.delete(officer);
	}
}

export interface CurrentVisitDeps extends DbDeps {
	presence: { current(officer: number): CurrentVisit[] | null; hotspotName(hotspot: number): string | null };
}

/**
 * The officer's open visits now, for the page load and the socket's hello: from this node's engine
 * when it runs one for the officer, else (another node runs engines, or none since a restart) from
 * the stored open visits whose last inside fix is within the silence that would end them.
 */
export async function currentVisits(ctx: CurrentVisitDeps, officer: number): Promise<PresenceUpdate[]> {
	const now = ctx.now();
	const live = ctx.presence.current(officer);
	if (live) return live.map((v) => timerUpdate(v, ctx.presence.hotspotName(Number(v.hotspot)), now));
	const stored = await visitsBetween(ctx.db, now - 12 * 3600_000, now + 60_000, { officer });
	return stored
		.filter((v) => v.open && now - v.end <= SILENCE_MS)
		.map((v) => ({
			hotspot: v.hotspot,
			hotspotName: ctx.presence.hotspotName(v.hotspot),
			visitStart: v.start,
			minutesInside: v.minutes,
			insideMs: Math.round(v.minutes * 60_000),
			asOf: v.end,
			insideNow: true,
			dose: v.minutes * 60_000 >= DOSE_MS,
			ended: false,
			at: now
		}));
}
