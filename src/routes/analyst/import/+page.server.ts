import { fail } from '@sveltejs/kit';
import { listImports } from '#lib/server/db/queries/imports.ts';
import { MappingError, parseMapping } from '#lib/server/import/formats/mapping.ts';
import { removeImport } from '#lib/server/services/import-removal.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const mappings = await app.db.selectFrom('import_mappings').select(['id', 'name', 'mapping']).orderBy('name').execute();
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
		const existing = await app.db.selectFrom('import_mappings').select('id').where('name', '=', name).executeTakeFirst();
		if (existing) await app.db.updateTable('import_mappings').set({ mapping: JSON.stringify(mapping) }).where('id', '=', existing.id).execute();
		else await app.db.insertInto('import_mappings').values({ name, mapping: JSON.stringify(mapping), created_at: app.now() }).execute();
		return { saved: name };
	}
};
