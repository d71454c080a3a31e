import { error, fail } from '@sveltejs/kit';
import { chosenShare } from '#lib/domain/hotspots/capacity.ts';
import { getHotspotSet, getSetResults, listHotspots, previousPublishedSet, setBriefing, setOfHotspot } from '#lib/server/db/queries/hotspots.ts';
import { auditBy } from '#lib/server/services/audit.ts';

export const load = async ({ params, locals }) => {
	const { app } = locals;
	const set = await getHotspotSet(app.db, Number(params.id));
	if (!set) error(404, 'No such hot spot set.');
	const [hotspots, results, previous] = await Promise.all([listHotspots(app.db, set.id), getSetResults(app.db, set.id), previousPublishedSet(app.db)]);
	const study = results.study as { totalHarm: number; totalCrimes: number; significant?: number } | undefined;
	const metric = set.params.metric === 'count' ? 'count' : 'harm';
	return {
		set,
		hotspots,
		results,
		chosen: study ? { significant: study.significant ?? null, share: chosenShare(hotspots, study, metric), metric } : null,
		previous: set.status === 'published' && previous ? { id: previous.id, name: previous.name } : null
	};
};

export const actions = {
	briefing: async ({ request, params, locals }) => {
		const { app } = locals;
		const form = await request.formData();
		const id = Number(form.get('hotspot'));
		const text = String(form.get('briefing') ?? '').slice(0, 4000);
		if ((await setOfHotspot(app.db, id)) !== Number(params.id)) return fail(404, { error: 'No such hot spot in this set.' });
		await setBriefing(app.db, id, text);
		// briefings may name people: every change is recorded, with its length rather than its words
		await auditBy(app, locals.user, 'alteration', `hotspot-briefing:${id}`, { characters: text.length });
		return { savedBriefing: id };
	}
};
