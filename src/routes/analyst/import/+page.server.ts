import { fail } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';
import { listImports } from '#lib/server/db/queries/imports.ts';
import { MappingError, parseMapping } from '#lib/domain/import/formats/mapping.ts';
import { removeImport } from '#lib/server/services/import-removal.ts';

export const load = async () => {
	const ctx = getContext();
	const mappings = await ctx.db.selectFrom('import_mappings').select(['id', 'name', 'mapping']).orderBy('name').execute();
	return { mappings, imports: await listImports(ctx.db) };
};

export const actions = {
	removeImport: async ({ request, locals }) => {
		const ctx = getContext();
		const id = Number((await request.formData()).get('id'));
		if (!Number.isInteger(id) || id <= 0) return fail(400, { removeError: 'Choose an import to remove.' });
		const done = await removeImport(ctx.db, id, { now: ctx.now(), actor: { id: locals.user!.id, name: locals.user!.username } });
		if (!done) return fail(404, { removeError: `Import ${id} no longer exists.` });
		return { removed: `Removed import ${id} (${done.file}): ${done.records} records.` };
	},
	saveMapping: async ({ request }) => {
		const ctx = getContext();
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
		const existing = await ctx.db.selectFrom('import_mappings').select('id').where('name', '=', name).executeTakeFirst();
		if (existing) await ctx.db.updateTable('import_mappings').set({ mapping: JSON.stringify(mapping) }).where('id', '=', existing.id).execute();
		else await ctx.db.insertInto('import_mappings').values({ name, mapping: JSON.stringify(mapping), created_at: ctx.now() }).execute();
		return { saved: name };
	}
};
