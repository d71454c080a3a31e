// Harm weights in days of imprisonment (Cambridge Crime Harm Index). Starter values per police.uk
// category, rounded from secondary parses of the CHI tables (Sherman, Neyroud & Neyroud 2016);
// replace with the official table when a force has it (a CSV: offence,weight).

export interface HarmTable {
	source: string;
	version: string;
	weights: Record<string, number>;
	/** Proactively found offences (drugs) reflect police activity, not victimisation: excluded from scoring. */
	excluded: string[];
}

export const STARTER_HARM: HarmTable = {
	source: 'Cambridge Crime Harm Index, starter values per police.uk category (docs/hotspots.md, Harm weights)',
	version: 'starter-2016',
	weights: {
		'Violence and sexual offences': 200,
		Robbery: 365,
		'Possession of weapons': 274,
		Burglary: 220,
		'Criminal damage and arson': 10,
		'Public order': 7.5,
		'Vehicle crime': 5,
		'Theft from the person': 2,
		'Bicycle theft': 2,
		'Other theft': 2,
		Shoplifting: 1,
		'Other crime': 10,
		Drugs: 3.5,
		'Anti-social behaviour': 0
	},
	excluded: ['Drugs']
};

export function harmOf(table: HarmTable, category: string): number {
	return table.weights[category] ?? 0;
}

/** Whether a category takes part in scoring (counts are always kept). */
export function isScored(table: HarmTable, category: string): boolean {
	return !table.excluded.includes(category);
}

/** Harm of one record: its offence code's weight when the table has codes, else its category's. */
export function harmFor(table: HarmTable, category: string, offenceCode: string | null): number {
	if (offenceCode && table.weights[offenceCode] !== undefined) return table.weights[offenceCode];
	return table.weights[category] ?? 0;
}

export class HarmTableError extends Error {}

const NAME = /^(offence|offence name|category|crime type|offence type|description)$/i;
const CODE = /^(code|offence code|ho code|home office code|hocr code)$/i;
const WEIGHT = /^(weight|harm|days|chi|chi days|harm days|crime harm index)$/i;
const EXCLUDE = /^(exclude|excluded|proactive)$/i;

/**
 * A full Crime Harm Index table from CSV rows (header first): an offence name and/or a Home Office
 * code, and a weight in days; optionally an "excluded" column (yes/true/1) for proactively found
 * offences. Errors name the row and field.
 */
export function parseHarmTable(rows: string[][], meta: { source: string; version: string }): HarmTable {
	if (rows.length < 2) throw new HarmTableError('the harm table needs a header row and at least one offence');
	const header = rows[0].map((h) => h.replace(/^\uFEFF/, '').trim());
	const name = header.findIndex((h) => NAME.test(h));
	const code = header.findIndex((h) => CODE.test(h));
	const weight = header.findIndex((h) => WEIGHT.test(h));
	const exclude = header.findIndex((h) => EXCLUDE.test(h));
	if (weight < 0) throw new HarmTableError(`row 1: no weight column (expected one of weight, harm, days, chi) in ${header.join(', ')}`);
	if (name < 0 && code < 0) throw new HarmTableError(`row 1: no offence column (expected offence, category or code) in ${header.join(', ')}`);
	const weights: Record<string, number> = {};
	const excluded: string[] = [];
	for (let r = 1; r < rows.length; r++) {
		const f = rows[r];
		if (f.length === 1 && f[0].trim() === '') continue;
		const w = Number(f[weight]?.trim());
		if (!Number.isFinite(w) || w < 0) throw new HarmTableError(`row ${r + 1}, ${header[weight]}: "${f[weight] ?? ''}" is not a weight in days ≥ 0`);
		const keys = [name >= 0 ? f[name]?.trim() : '', code >= 0 ? f[code]?.trim() : ''].filter((k): k is string => !!k);
		if (keys.length === 0) throw new HarmTableError(`row ${r + 1}: no offence name or code`);
		for (const k of keys) weights[k] = w;
		if (exclude >= 0 && /^(y|yes|true|1)$/i.test(f[exclude]?.trim() ?? '')) excluded.push(...keys);
	}
	return { source: meta.source, version: meta.version, weights, excluded: exclude >= 0 ? excluded : STARTER_HARM.excluded };
}
