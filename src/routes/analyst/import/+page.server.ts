import { fail } from '@sveltejs/kit';
import { listMappings, saveMapping } from '#lib/server/db/queries/import-mappings.ts';
import { listImports } from '#lib/server/db/queries/imports.ts';
import { MappingError, parseMapping } from '#lib/domain/import/formats/mapping.ts';
import { removeImport } from '#lib/server/services/import-removal.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const mappings = await listMappings(app.db);
	return { mappings, imports: await listImports(app.db) };
};

export const actions = {
	removeImport: async ({ request, locals }) => {
		const { app } = locals;
		const id = Number((await request.formData()).get('id'));
		if (!Number.isInteger(id) || id <= 0) return fail(400, { removeError: 'Choose an import to remove.' });
		const done = await removeImport(app.db, id, { now: app.now(), actor: { id: locals.user!.id, name: locals.user!.username } });
		if (!done) return fail(404, { removeError: `Import ${id} no longer exists.` });
		return { removed: `Removed import ${id} (${done.file}): ${done.records} records.` };
	},
	saveMapping: async ({ request, locals }) => {
		const { app } = locals;
		const form = await request.formData();
		const name = String(form.get('name') ?? '').trim();
		const text = String(form.get('mapping') ?? '');
		if (!name) return fail(400, { mappingError: 'Give the mapping a name.', name, text });
		let mapping;
		try {
			mapping = parseMapping(JSON.parse(text));
		} catch (e) {
			const message = e instanceof SyntaxError ? `not valid JSON: ${e.message}` : e instanceof MappingError ? e.message : String(e);
			return fail(400, { mappingError: message, name, text });
		}
		await saveMapping(app.db, name, JSON.stringify(mapping), app.now());
		return { saved: name };
	}
};
