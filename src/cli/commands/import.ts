import { existsSync, readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { parseMapping } from '../../lib/domain/import/formats/mapping.ts';
import { importFile } from '../../lib/server/services/imports.ts';
import { args, UsageError, withDatabase } from '../args.ts';
import { progressBar } from '../progress.ts';

export const help = `import <files…> [--mapping <json>] [--tz <zone>]
  Imports crime records into the database (DATABASE_URL): data.police.uk street CSV and API
  JSON as they are; a force's own CSV, or GeoJSON points, through a column mapping (see the
  README); .gz files are unpacked on the fly. Each file goes in whole or not at all; the same
  file through the same mapping adds nothing (through a changed mapping it is read again); a file
  from which no record can be stored fails; rows without coordinates and rows the mapping
  excludes are counted; rejected rows are listed with row number, field and reason; warnings
  name anything the analyst should check (encoding, coordinate system, zones, placeholder
  points). List and remove imports with \`imports\`.`;

export async function run(argv: string[]): Promise<number> {
	const { values, positionals } = args(argv, { mapping: { type: 'string' }, tz: { type: 'string' } }, true);
	if (positionals.length === 0) throw new UsageError('import: name at least one file');
	for (const f of positionals) if (!existsSync(f)) throw new UsageError(`import: ${f} does not exist`);
	if (values.tz && !DateTime.local().setZone(values.tz).isValid) throw new UsageError(`--tz: unknown time zone "${values.tz}"`);
	let mapping = null;
	if (values.mapping) {
		try {
			mapping = parseMapping(JSON.parse(readFileSync(values.mapping, 'utf8')), values.mapping);
		} catch (e) {
			throw new UsageError(`--mapping ${values.mapping}: ${(e as Error).message}`);
		}
	}
	const mappingTz = mapping?.datetime?.tz;
	if (values.tz && mappingTz && values.tz !== mappingTz) console.error(`warning: --tz ${values.tz} is ignored: the mapping reads its times in ${mappingTz} (datetime.tz)`);
	return withDatabase(async ({ db }) => {
		let failed = 0;
		for (const f of positionals) {
			const bar = progressBar(f);
			const r = await importFile(db, f, { now: Date.now(), mapping, tz: values.tz, onProgress: (d, t) => bar.update(d, t) });
			bar.done();
			if (r.status === 'failed') {
				failed++;
				console.error(`${f}: not imported (nothing was stored): ${r.error}`);
				for (const x of r.rejections.slice(1, 5)) console.error(`  row ${x.row}, ${x.field}: ${x.reason}`);
				for (const w of r.warnings) console.error(`  warning: ${w}`);
				continue;
			}
			if (r.status === 'already-imported') {
				console.log(`${f}: already imported as import ${r.importId} (same content, same mapping); nothing added`);
				continue;
			}
			console.log(
				`${f}: import ${r.importId}, ${r.format}: ${r.rowsRead} rows; ${r.inserted} added, ${r.updated} updated, ${r.withoutLocation} without a location, ${r.rejected} rejected` +
					(r.excluded ? `, ${r.excluded} left out by the mapping's "exclude"` : '') +
					(r.repeated ? `, ${r.repeated} repeated ids (the later row kept)` : '')
			);
			for (const x of r.rejections.slice(0, 20)) console.log(`  row ${x.row}, ${x.field}: ${x.reason}`);
			if (r.rejected > 20) console.log(`  … and ${r.rejected - 20} more rejected rows`);
			if (r.unweighted.length) console.log(`  no harm weight for: ${r.unweighted.join(', ')} (counted, harm 0)`);
			for (const w of r.warnings) console.log(`  warning: ${w}`);
		}
		return failed > 0 ? 1 : 0;
	});
}
