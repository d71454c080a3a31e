import { error, fail, redirect } from '@sveltejs/kit';
import { getHotspotSet, getSetResults, listHotspots, setBriefing, setOfHotspot } from '#lib/server/db/queries/hotspots.ts';
import { publishSet } from '#lib/server/services/detection.ts';
import { auditBy } from '#lib/server/services/audit.ts';

export const load = async ({ params, locals }) => {
	const { app } = locals;
	const set = await getHotspotSet(app.db, Number(params.id));
	if (!set) error(404, 'No such hot spot set.');
	const [hotspots, results] = await Promise.all([listHotspots(app.db, set.id), getSetResults(app.db, set.id)]);
	return { set, hotspots, results };
};

export const actions = {
	publish: async ({ params, request, locals }) => {
		const { app } = locals;
		const form = await request.formData();
		const hours = Number(form.get('targetHours') ?? 4);
		if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 7) return fail(400, { error: 'Target interval: hours from 0 to 168.' });
		await publishSet(app, Number(params.id), Math.round(hours * 3600));
		redirect(303, `/analyst/sets/${params.id}`);
	},
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
