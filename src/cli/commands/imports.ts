import { listImports } from '../../lib/server/db/queries/imports.ts';
import { removeImport } from '../../lib/server/services/import-removal.ts';
import { args, positiveInt, UsageError, withDatabase } from '../args.ts';

export const help = `imports list | imports remove <id>
  list          every import, newest first: id, when, file, format, mapping, rows read, records
                stored, rejected, without a location, left out, and records it holds now
  remove <id>   removes an import: its records, their links to people, and people no other
                record names; dashboards reload; audited as an erasure (counts only)`;

export async function run(argv: string[]): Promise<number> {
	const { positionals } = args(argv, {}, true);
	const [verb, id, ...rest] = positionals;
	if (rest.length) throw new UsageError(`imports: unexpected ${rest.join(' ')}`);
	if (verb === 'list') {
		if (id !== undefined) throw new UsageError('imports list takes no id');
		return withDatabase(async ({ db }) => {
			const all = await listImports(db);
			if (all.length === 0) console.log('no imports');
			for (const i of all) {
				console.log(
					`${i.id}\t${new Date(i.createdAt).toISOString().slice(0, 16).replace('T', ' ')}\t${i.fileName}\t${i.format}${i.mappingName ? ` (mapping "${i.mappingName}")` : ''}\t` +
						`${i.rowsRead} rows: ${i.stored} stored, ${i.rejected} rejected, ${i.withoutLocation} without a location${i.excluded ? `, ${i.excluded} left out` : ''}; holds ${i.records} records`
				);
			}
			return 0;
		});
	}
	if (verb === 'remove') {
		const importId = positiveInt(id, 'imports remove <id>');
		return withDatabase(async ({ db }) => {
			const done = await removeImport(db, importId, { now: Date.now(), actor: { id: null, name: 'cli' } });
			if (!done) {
				console.error(`error: no import ${importId} (see: imports list)`);
				return 1;
			}
			console.log(`removed import ${importId} (${done.file}): ${done.records} records, ${done.links} links to people, ${done.persons} people no other record names`);
			return 0;
		});
	}
	throw new UsageError(`imports: say "list" or "remove <id>"`);
}
