// The analyst's detection runs: records from the database through the pure detector into a draft
// hot spot set, which the analyst previews and publishes. Earlier sets stay for evaluation.
import { CAPACITY_DEFAULTS, capacityCount, type Capacity } from '../../domain/hotspots/capacity.ts';
import { ColumnsBuilder, monthIndex, type CrimeColumns } from '../../domain/hotspots/columns.ts';
import { DETECT_DEFAULTS, detectHotspots, type DetectOptions } from '../../domain/hotspots/detect.ts';
import { explainNoResult, type NoResult } from '../../domain/hotspots/no-result.ts';
import type { PolygonCoords } from '../../domain/geo/geo.ts';
import { crimeColumnsPage } from '../db/queries/crimes.ts';
import { exclusionGeometries } from '../db/queries/exclusions.ts';
import { deleteOldDrafts, insertHotspots, insertHotspotSet, publishHotspotSet, setSetResults, setTargetInterval } from '../db/queries/hotspots.ts';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { BusDeps, DbDeps } from './deps.ts';
import { activeHarmTable } from './harm-tables.ts';
import { invalidatePublishedHotspots } from './hotspots.ts';

/** All crime records as detection columns, read in pages so memory stays flat. */
export async function loadCrimeColumns(db: Db): Promise<CrimeColumns> {
	const b = new ColumnsBuilder(1 << 16);
	let after = 0;
	for (;;) {
		const page = await crimeColumnsPage(db, after, 50_000);
		for (const r of page) b.push(r.lon, r.lat, r.category, r.harm, r.occurred_at, monthIndex(r.month), r.location);
		if (page.length < 50_000) break;
		after = page[page.length - 1].id;
	}
	return b.build();
}

/**
 * `top` names the number of hot spots outright; left null, `capacity` sets it (capacity.ts:
 * officers × patrols × shifts ÷ doses, at most 150); both null keeps every significant one.
 */
export type DetectionParams = Omit<DetectOptions, 'area' | 'exclusions' | 'excluded'> & { useExclusions: boolean; capacity: Capacity | null };

export const DETECTION_DEFAULTS: DetectionParams = {
	cellM: DETECT_DEFAULTS.cellM,
	shape: DETECT_DEFAULTS.shape,
	lookbackMonths: DETECT_DEFAULTS.lookbackMonths,
	until: null,
	types: null,
	metric: DETECT_DEFAULTS.metric,
	alpha: DETECT_DEFAULTS.alpha,
	maxCells: DETECT_DEFAULTS.maxCells,
	minCrimes: DETECT_DEFAULTS.minCrimes,
	top: null,
	tz: 'Europe/London',
	windows: 'auto',
	useExclusions: true,
	capacity: CAPACITY_DEFAULTS
};

/** The number of hot spots a run keeps: the analyst's own, else the capacity's, else all (null). */
export function keptCount(params: Pick<DetectionParams, 'top' | 'capacity'>): number | null {
	return params.top ?? (params.capacity ? capacityCount(params.capacity).count : null);
}

export async function exclusionPolygons(db: Db): Promise<PolygonCoords[]> {
	return (await exclusionGeometries(db)).flatMap((g) => {
		return g.type === 'MultiPolygon' ? (g.coordinates as PolygonCoords[]) : [g.coordinates as PolygonCoords];
	});
}

/** Detection found nothing for a reason in its input (no records, none chosen, nothing to weigh): no set is kept. */
export class NoResultError extends Error {
	readonly why: NoResult;
	constructor(why: NoResult) {
		super(why.message);
		this.why = why;
	}
}

/** Runs detection over stored records and keeps the result as a draft set; throws NoResultError when the input explains an empty result. */
export async function runDetection(ctx: DbDeps, name: string, params: DetectionParams, userId: number | null) {
	const harm = await activeHarmTable(ctx.db);
	const columns = await loadCrimeColumns(ctx.db);
	const exclusions = params.useExclusions ? await exclusionPolygons(ctx.db) : [];
	const started = performance.now();
	const { capacity, ...options } = params;
	const result = detectHotspots(columns, { ...options, top: keptCount(params), excluded: harm.excluded, area: null, exclusions });
	const ms = Math.round(performance.now() - started);
	const nothing = explainNoResult(columns, { types: params.types, excluded: harm.excluded, metric: params.metric }, result);
	if (nothing) throw new NoResultError(nothing);
	const now = ctx.now();
	const setId = await inTransaction(ctx.db, async (tx) => {
		const id = await insertHotspotSet(
			tx,
			{ name, params: { ...params, harmTable: harm.name, harmVersion: harm.version, exclusions: exclusions.length }, targetIntervalS: 4 * 3600, createdBy: userId },
			now
		);
		await insertHotspots(tx, id, result.hotspots.map((h) => ({ ...h, briefing: '' })));
		await setSetResults(tx, id, {
			study: result.study,
			concentration: result.concentration,
			ms,
			records: columns.n,
			capacity: capacity ? { ...capacity, ...capacityCount(capacity) } : null
		});
		return id;
	});
	return { setId, result, ms };
}

export async function publishSet(ctx: BusDeps, setId: number, targetIntervalS?: number) {
	await inTransaction(ctx.db, async (tx) => {
		if (targetIntervalS !== undefined) await setTargetInterval(tx, setId, targetIntervalS);
		await publishHotspotSet(tx, setId, ctx.now());
	});
	invalidatePublishedHotspots(ctx.db);
	ctx.bus.publish('hotspots:published', { setId });
}

/** Drafts nobody published are clutter: keep the newest few. */
export async function pruneDrafts(db: Db, keep = 10): Promise<void> {
	await deleteOldDrafts(db, keep);
}
