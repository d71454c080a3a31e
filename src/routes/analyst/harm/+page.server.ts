import { fail } from '@sveltejs/kit';
import { HarmTableError, parseHarmTable } from '#lib/domain/hotspots/harm.ts';
import { parseCsv, CsvError } from '#lib/domain/import/csv.ts';
import { activateHarmTable, activeHarmTable } from '#lib/server/services/harm-tables.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const harm = await activeHarmTable(app.db);
	return { harm: { name: harm.name, source: harm.source, version: harm.version, weights: Object.entries(harm.weights).sort((a, b) => b[1] - a[1]), excluded: harm.excluded } };
};

export const actions = {
	upload: async ({ request, locals }) => {
		const { app } = locals;
		const form = await request.formData();
		const file = form.get('file');
		const name = String(form.get('name') ?? '').trim() || 'Crime Harm Index';
		const version = String(form.get('version') ?? '').trim() || 'uploaded';
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: 'Choose a CSV file.' });
		if (file.size > 10_000_000) return fail(400, { error: 'The file is over 10 MB.' });
		let table;
		try {
			table = parseHarmTable(parseCsv(await file.text()), { source: file.name, version });
		} catch (e) {
			if (e instanceof HarmTableError || e instanceof CsvError) return fail(400, { error: e.message });
			throw e;
		}
		await activateHarmTable(app.db, name, table, app.now());
		return { activated: Object.keys(table.weights).length };
	}
};
