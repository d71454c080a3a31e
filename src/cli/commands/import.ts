import { existsSync } from 'node:fs';
import { importFile } from '../../lib/server/services/imports.ts';
import { args, UsageError, withDatabase } from '../args.ts';

export const help = `import <files…>
  Imports crime records (data.police.uk street CSV). Each file goes in whole or not at all;
  a file already imported (same content) adds nothing. Prints a report per file.`;

export async function run(argv: string[]): Promise<number> {
	const { positionals } = args(argv, {}, true);
	if (positionals.length === 0) throw new UsageError('import: name at least one file');
	for (const f of positionals) if (!existsSync(f)) throw new UsageError(`import: ${f} does not exist`);
	return withDatabase(async ({ db }) => {
		let failed = 0;
		for (const f of positionals) {
			const r = await importFile(db, f, { now: Date.now() });
			if (r.status === 'failed') {
				failed++;
				console.error(`${f}: not imported: ${r.error}`);
				continue;
			}
			if (r.status === 'already-imported') {
				console.log(`${f}: already imported (same content); nothing added`);
				continue;
			}
			console.log(
				`${f}: ${r.format}: ${r.rowsRead} rows; ${r.inserted} added, ${r.updated} updated, ${r.withoutLocation} without a location, ${r.rejected} rejected`
			);
			for (const x of r.rejections.slice(0, 20)) console.log(`  row ${x.row}, ${x.field}: ${x.reason}`);
		}
		return failed > 0 ? 1 : 0;
	});
}
