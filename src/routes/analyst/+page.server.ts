import { sourceSummary } from '#lib/server/db/queries/crimes.ts';
import { recentImports } from '#lib/server/db/queries/imports.ts';
import { fail, redirect } from '@sveltejs/kit';
import { hotspotCounts, listHotspotSets, previousPublishedSet } from '#lib/server/db/queries/hotspots.ts';
import { restorePrevious } from '#lib/server/services/publish.ts';
import { activeHarmTable } from '#lib/server/services/harm-tables.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const [records, imports, sets, harm, bySet, previous] = await Promise.all([
		sourceSummary(app.db),
		recentImports(app.db, 20),
		listHotspotSets(app.db),
		activeHarmTable(app.db),
		hotspotCounts(app.db),
		previousPublishedSet(app.db)
	]);
	return {
		records,
		imports,
		sets: sets.map((s) => ({ ...s, hotspots: bySet.get(s.id) ?? 0 })),
		harm: { name: harm.name, version: harm.version },
		previous: previous && sets.some((s) => s.status === 'published') ? { id: previous.id, name: previous.name, hotspots: bySet.get(previous.id) ?? 0 } : null
	};
};

export const actions = {
	/** one step back to the set published before the live one (audited) */
	restore: async ({ locals }) => {
		const done = await restorePrevious(locals.app, locals.user);
		if (!done) return fail(409, { error: 'No earlier published set to restore.' });
		redirect(303, `/analyst/sets/${done.restored.id}?restored=1`);
	}
};
