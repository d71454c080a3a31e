// What an officer's phone needs: live hot spots with their coverage (for "send me" metering and
// the nearby list), their own visits today, and their figures — recognition, not surveillance.
import { coverage } from '../../domain/coverage/state.ts';
import { experimentalDay, experimentalWeek } from '../../domain/shifts/experimental-day.ts';
import type { HotspotState, HotspotStatus } from '../../realtime/contract.ts';
import { visitsBetween } from '../db/queries/visits.ts';
import type { DbDeps } from './deps.ts';
import { publishedHotspots } from './hotspots.ts';

/** what the officer's views read: stored visits, and the presence engine's live hot spot states */
export interface OfficerDeps extends DbDeps {
	presence: { statuses(): HotspotStatus[] };
}

export interface OfficerHotspot {
	id: number;
	name: string;
	rank: number;
	centroid: [number, number];
	polygon: [number, number][][];
	why: string;
	briefing: string;
	windows: { days: number[]; from: string; to: string; tz: string }[];
	state: HotspotState;
	/** 0 = not offered by "send me" (not live, dosed this window, someone there), 1 needs a dose, 2 overdue */
	need: number;
	/** end of the latest dose here (10 minutes or more), null when none is known */
	lastDoseAt: number | null;
	visitsToday: number;
	minutesToday: number;
}

export async function officerHotspots(ctx: OfficerDeps): Promise<OfficerHotspot[]> {
	const now = ctx.now();
	const live = await publishedHotspots(ctx.db, now);
	if (!live) return [];
	const statuses = new Map(ctx.presence.statuses().map((s) => [s.hotspot, s]));
	const day = experimentalDay(now);
	const today = await visitsBetween(ctx.db, day.start, day.end, { hotspots: live.hotspots.map((h) => h.id) });
	const targetMs = live.set.targetIntervalS * 1000;
	return live.hotspots.map((h) => {
		const s = statuses.get(h.id);
		const c = coverage({ windows: h.windows, targetMs, lastDoseAt: s?.lastDoseAt ?? null, present: s?.present.length ?? 0 }, now);
		const mine = today.filter((v) => v.hotspot === h.id);
		return {
			id: h.id,
			name: h.name,
			rank: h.rank,
			centroid: h.centroid,
			polygon: h.polygon,
			why: h.why,
			briefing: h.briefing,
			windows: h.windows,
			state: c.state,
			need: c.need,
			lastDoseAt: s?.lastDoseAt ?? null,
			visitsToday: mine.length,
			minutesToday: Math.round(mine.reduce((sum, v) => sum + v.minutes, 0))
		};
	});
}

export interface OfficerFigures {
	doses: number;
	visits: number;
	minutes: number;
	hotspots: number;
}

function figures(visits: { minutes: number; dose: boolean; hotspot: number }[]): OfficerFigures {
	return {
		doses: visits.filter((v) => v.dose).length,
		visits: visits.length,
		minutes: Math.round(visits.reduce((s, v) => s + v.minutes, 0)),
		hotspots: new Set(visits.map((v) => v.hotspot)).size
	};
}

/** The officer's own figures for today and this week (experimental days from 06:00). */
export async function myPatrols(ctx: DbDeps, officer: number) {
	const now = ctx.now();
	const day = experimentalDay(now);
	const week = experimentalWeek(now);
	const visits = await visitsBetween(ctx.db, week.start, week.end, { officer });
	const names = new Map((await publishedHotspots(ctx.db, now))?.hotspots.map((h) => [h.id, h.name]) ?? []);
	const todays = visits.filter((v) => v.start >= day.start);
	return {
		today: figures(todays),
		week: figures(visits),
		visits: todays.map((v) => ({ hotspot: names.get(v.hotspot) ?? `Hot spot ${v.hotspot}`, start: v.start, minutes: v.minutes, dose: v.dose, mode: v.mode })),
		day: day.label,
		weekOf: week.label
	};
}
