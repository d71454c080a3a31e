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
	source: 'Cambridge Crime Harm Index, starter values per police.uk category (DESIGN.md)',
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
