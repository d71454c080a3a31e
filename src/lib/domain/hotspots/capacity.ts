// How many hot spots a force can actually patrol (docs/hotspots.md, Capacity): the officers on
// hot spot patrol each shift, the patrols each makes, the shifts a day, against the doses each hot
// spot needs a day. Publishing every significant cell of a force area (547 in one Thames Valley
// month) leaves the control room with hundreds of overdue rows and no officer can tell which
// matter; the trials that worked patrolled tens of places, not hundreds.

export interface Capacity {
	/** officers on hot spot patrol in each shift */
	officers: number;
	/** 15-minute patrols each of them makes in a shift, with the walk between */
	patrolsPerOfficer: number;
	shiftsPerDay: number;
	/** doses each hot spot should get a day (one per live window: day and night by default) */
	dosesPerHotspot: number;
}

export const CAPACITY_DEFAULTS: Capacity = { officers: 4, patrolsPerOfficer: 3, shiftsPerDay: 3, dosesPerHotspot: 2 };

/** The most hot spots detection keeps by capacity: beyond it no list or map can be watched. */
export const MAX_HOTSPOTS = 150;

/** Each input's allowed range, for the detect page, the CLI and their messages. */
export const CAPACITY_LIMITS: Record<keyof Capacity, { min: number; max: number; label: string }> = {
	officers: { min: 1, max: 1000, label: 'officers on hot spot patrol per shift' },
	patrolsPerOfficer: { min: 1, max: 40, label: 'patrols each per shift' },
	shiftsPerDay: { min: 1, max: 6, label: 'shifts per day' },
	dosesPerHotspot: { min: 0.25, max: 24, label: 'doses per hot spot per day' }
};

export interface CapacityCount {
	/** patrols the force can deliver in a day */
	patrolsPerDay: number;
	/** hot spots those patrols cover at the doses asked, before the cap */
	uncapped: number;
	/** hot spots to keep: at least 1, at most MAX_HOTSPOTS */
	count: number;
	capped: boolean;
}

/** officers × patrols each × shifts ÷ doses per hot spot per day, rounded down, capped at 150. */
export function capacityCount(c: Capacity): CapacityCount {
	const patrolsPerDay = c.officers * c.patrolsPerOfficer * c.shiftsPerDay;
	// a little slack for floating point: 3 × 0.1-style inputs must not lose a whole hot spot
	const uncapped = Math.max(1, Math.floor(patrolsPerDay / c.dosesPerHotspot + 1e-9));
	return { patrolsPerDay, uncapped, count: Math.min(MAX_HOTSPOTS, uncapped), capped: uncapped > MAX_HOTSPOTS };
}

/** Reads and checks capacity inputs; a missing one takes its default; a bad one is named with its range. */
export function readCapacity(raw: Partial<Record<keyof Capacity, string | number | null | undefined>>, fallback: Capacity = CAPACITY_DEFAULTS): Capacity | { error: string; field: keyof Capacity } {
	const out = { ...fallback };
	for (const key of Object.keys(CAPACITY_LIMITS) as (keyof Capacity)[]) {
		const v = raw[key];
		if (v === undefined || v === null || String(v).trim() === '') continue;
		const n = Number(v);
		const { min, max, label } = CAPACITY_LIMITS[key];
		if (!Number.isFinite(n) || n < min || n > max) return { error: `${label}: a number from ${min} to ${max}, not "${v}"`, field: key };
		out[key] = n;
	}
	return out;
}

/** The share of all harm (or crime, weighing by count) in the study area that the chosen hot spots hold. */
export function chosenShare(hotspots: { harm: number; crimes: number }[], study: { totalHarm: number; totalCrimes: number }, metric: 'harm' | 'count'): number {
	const total = metric === 'harm' ? study.totalHarm : study.totalCrimes;
	if (!(total > 0)) return 0;
	const held = hotspots.reduce((s, h) => s + (metric === 'harm' ? h.harm : h.crimes), 0);
	return Math.min(1, held / total);
}

export interface Workload {
	/** patrols a day the set asks for: hot spots × doses each */
	patrolsNeeded: number;
	patrolsPerDay: number;
	/** needed ÷ available: above 1 the set cannot be covered */
	load: number;
}

export function dailyWorkload(hotspots: number, c: Capacity): Workload {
	const patrolsPerDay = c.officers * c.patrolsPerOfficer * c.shiftsPerDay;
	const patrolsNeeded = hotspots * c.dosesPerHotspot;
	return { patrolsNeeded, patrolsPerDay, load: patrolsPerDay > 0 ? patrolsNeeded / patrolsPerDay : Infinity };
}
