import { sourceSummary } from '#lib/server/db/queries/crimes.ts';
import { recentImports } from '#lib/server/db/queries/imports.ts';
import { hotspotCounts, listHotspotSets } from '#lib/server/db/queries/hotspots.ts';
import { activeHarmTable } from '#lib/server/services/harm-tables.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const [records, imports, sets, harm, bySet] = await Promise.all([sourceSummary(app.db), recentImports(app.db, 20), listHotspotSets(app.db), activeHarmTable(app.db), hotspotCounts(app.db)]);
	return {
		records,
		imports,
		sets: sets.map((s) => ({ ...s, hotspots: bySet.get(s.id) ?? 0 })),
		harm: { name: harm.name, version: harm.version }
	};
};
