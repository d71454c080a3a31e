import { fail } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';
import { MappingError, parseMapping } from '#lib/server/import/formats/mapping.ts';

export const load = async () => {
	const ctx = getContext();
	const mappings = await ctx.db.selectFrom('import_mappings').select(['id', 'name', 'mapping']).orderBy('name').execute();
	return { mappings };
};

export const actions = {
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
