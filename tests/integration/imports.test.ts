// Every importer on real files against real SQLite and PostgreSQL: counts, idempotence, upserts,
// rejections with row and field, and whole-or-nothing under any bytes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type DbHandle } from '../../src/lib/server/db/connect.ts';
import { parseMapping } from '../../src/lib/domain/import/formats/mapping.ts';
import { importFile } from '../../src/lib/server/services/imports.ts';
import { testDatabases } from './harness.ts';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;
const mapping = (name: string) => parseMapping(JSON.parse(readFileSync(fixture(`mappings/${name}.json`), 'utf8')));
const scratch = mkdtempSync(join(tmpdir(), 'hp-import-'));
const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

async function fresh(database: (typeof dbs)[number]): Promise<DbHandle> {
	const h = await openDatabase(database.fresh());
	await migrate(h);
	return h;
}
const count = async (h: DbHandle) => Number((await h.db.selectFrom('crime_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const staged = async (h: DbHandle) => Number((await h.db.selectFrom('import_staging').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	it('imports a police.uk street CSV, counting rows without a location, and adds nothing the second time', async () => {
		const h = await fresh(database);
		try {
			const csv = readFileSync(fixture('police-uk/oxford-centre-2024-01.csv'), 'utf8').trimEnd().split('\n');
			// the real file has no coordinate-less rows inside the box; add one as police.uk does (ASB, no id)
			const withGap = [...csv, ',2024-01,Thames Valley Police,Thames Valley Police,,,No location,,,Anti-social behaviour,,'].join('\n') + '\n';
			const file = join(scratch, `ox-${database.kind}.csv`);
			writeFileSync(file, withGap);
			const r = await importFile(h.db, file, { now: 1 });
			expect(r).toMatchObject({ status: 'imported', format: 'police.uk street CSV', rowsRead: 273, withoutLocation: 1, rejected: 0, accepted: 272, inserted: 272, updated: 0 });
			expect(await count(h)).toBe(272);
			const asb = await h.db.selectFrom('crime_records').select((eb) => eb.fn.countAll<number>().as('n')).where('source_id', 'is', null).executeTakeFirstOrThrow();
			expect(Number(asb.n)).toBe(csv.filter((l) => l.startsWith(',')).length);
			expect((await importFile(h.db, file, { now: 2 })).status).toBe('already-imported');
			expect(await count(h)).toBe(272);
			// a later file with a changed outcome for one crime upserts it; ASB rows (no id) are kept as new
			const changed = csv.map((l, i) => (i === 1 ? l.replace(/,[^,]*,$/, ',Court result unavailable,') : l));
			const file2 = join(scratch, `ox2-${database.kind}.csv`);
			writeFileSync(file2, changed.slice(0, 3).join('\n') + '\n');
			const r2 = await importFile(h.db, file2, { now: 3 });
			const withId = changed.slice(1, 3).filter((l) => !l.startsWith(',')).length;
			expect(r2).toMatchObject({ status: 'imported', updated: withId, inserted: 2 - withId });
		} finally {
			await h.close();
		}
	});

	it('reports rejected rows with row number, field and reason, and imports the rest', async () => {
		const h = await fresh(database);
		try {
			const file = join(scratch, `bad-${database.kind}.csv`);
			writeFileSync(
				file,
				[
					'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context',
					'a1,2024-01,TVP,TVP,-1.25,51.75,On or near X,,,Robbery,,',
					'a2,2024-13,TVP,TVP,-1.25,51.75,On or near X,,,Robbery,,',
					'a3,2024-01,TVP,TVP,west,51.75,On or near X,,,Robbery,,',
					'a4,2024-01,TVP,TVP,-1.25,51.75,On or near X,,,,,',
					'a5,2024-01,TVP,TVP,-1.25'
				].join('\n')
			);
			const r = await importFile(h.db, file, { now: 1 });
			expect(r.status).toBe('imported');
			expect(r.rejections).toEqual([
				{ row: 3, field: 'Month', reason: '"2024-13" is not YYYY-MM' },
				{ row: 4, field: 'Longitude', reason: '"west" is not a longitude' },
				{ row: 5, field: 'Crime type', reason: 'empty' },
				{ row: 6, field: '*', reason: 'expected 12 fields, found 5' }
			]);
			expect(await count(h)).toBe(1);
		} finally {
			await h.close();
		}
	});

	it('imports data.police.uk API JSON with slugs mapped to categories', async () => {
		const h = await fresh(database);
		try {
			const r = await importFile(h.db, fixture('police-uk/canary-wharf-2014-08.json'), { now: 1 });
			// the response lists 8 crimes twice under the same persistent id: stored once each
			expect(r).toMatchObject({ status: 'imported', format: 'police.uk API JSON', rowsRead: 374, accepted: 374, rejected: 0, inserted: 366, repeated: 8 });
			const cats = await h.db.selectFrom('crime_records').select('category').distinct().execute();
			expect(cats.map((c) => c.category)).toContain('Violence and sexual offences');
			const robbery = await h.db.selectFrom('crime_records').selectAll().where('category', '=', 'Robbery').executeTakeFirstOrThrow();
			expect(robbery).toMatchObject({ month: '2014-08', harm: 365 });
		} finally {
			await h.close();
		}
	});

	it('imports a force CSV through a mapping: local times in their zone, British National Grid places', async () => {
		const h = await fresh(database);
		try {
			const r = await importFile(h.db, fixture('force/synthetic-bng-2024-01.csv'), { now: 1, mapping: mapping('force-bng') });
			expect(r).toMatchObject({ status: 'imported', format: 'mapped CSV', rowsRead: 122, accepted: 120, withoutLocation: 1 });
			expect(r.rejections).toEqual([{ row: 122, field: 'Committed', reason: '"31/02/2024 10:00" is not a date-time like dd/MM/yyyy HH:mm' }]);
			const first = await h.db.selectFrom('crime_records').selectAll().where('source_id', '=', 'SYN-00001').executeTakeFirstOrThrow();
			// 01/01/2024 00:00 in London is midnight UTC; the easting/northing lands back on Rutherway
			expect(first).toMatchObject({ source: 'force-synthetic', occurred_at: Date.UTC(2024, 0, 1), month: '2024-01', offence_code: '8L' });
			expect(first.lat).toBeCloseTo(51.763925, 4);
			expect(first.lon).toBeCloseTo(-1.271681, 4);
		} finally {
			await h.close();
		}
	});

	it('imports GeoJSON points and a gzipped CSV', async () => {
		const h = await fresh(database);
		try {
			const g = await importFile(h.db, fixture('geojson/memphis-robberies-2019-q1.geojson'), { now: 1, mapping: mapping('geojson-memphis') });
			expect(g).toMatchObject({ status: 'imported', format: 'GeoJSON points', accepted: 300 });
			const one = await h.db.selectFrom('crime_records').selectAll().where('source_id', '=', '15213800').executeTakeFirstOrThrow();
			// 2019-01-01T01:30 in Memphis (CST, UTC−6)
			expect(one.occurred_at).toBe(Date.UTC(2019, 0, 1, 7, 30));
			const c = await importFile(h.db, fixture('time-of-day/chicago-aggravated-assaults-2019.csv.gz'), { now: 1, mapping: mapping('chicago') });
			expect(c).toMatchObject({ status: 'imported', accepted: 15328 });
		} finally {
			await h.close();
		}
	});

	it('refuses a CSV that is not police.uk without a mapping, and keeps what was stored', async () => {
		const h = await fresh(database);
		try {
			await importFile(h.db, fixture('police-uk/oxford-centre-2024-01.csv'), { now: 1 });
			const before = await count(h);
			const r = await importFile(h.db, fixture('time-of-day/memphis-robberies-2019.csv'), { now: 2 });
			expect(r.status).toBe('failed');
			expect(r.error).toMatch(/not a data.police.uk street CSV.*--mapping/);
			expect(await count(h)).toBe(before);
			expect(await staged(h)).toBe(0);
		} finally {
			await h.close();
		}
	});

	it('turns any bytes into an import or a clean rejection, never a crash or a half-import', async () => {
		const h = await fresh(database);
		const seeds = [
			readFileSync(fixture('police-uk/oxford-centre-2024-01.csv'), 'utf8').slice(0, 3000),
			readFileSync(fixture('police-uk/canary-wharf-2014-08.json'), 'utf8').slice(0, 3000),
			readFileSync(fixture('geojson/memphis-robberies-2019-q1.geojson'), 'utf8').slice(0, 3000),
			readFileSync(fixture('force/synthetic-bng-2024-01.csv'), 'utf8').slice(0, 3000)
		];
		const maps = [null, null, mapping('geojson-memphis'), mapping('force-bng')];
		let n = 0;
		try {
			await fc.assert(
				fc.asyncProperty(
					fc.integer({ min: 0, max: 3 }),
					fc.array(fc.tuple(fc.nat(), fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('"', ',', '\n', '{', ']', '\\', '\uFEFF', '\u0000'))), { maxLength: 6 }),
					fc.nat(),
					async (which, edits, cut) => {
						let text = seeds[which];
						for (const [at, ins] of edits) {
							const i = at % (text.length + 1);
							text = text.slice(0, i) + ins + text.slice(i + (at % 3));
						}
						text = text.slice(0, text.length - (cut % 50));
						const file = join(scratch, `fuzz-${database.kind}-${n++}.${which === 1 ? 'json' : which === 2 ? 'geojson' : 'csv'}`);
						writeFileSync(file, text);
						const before = await count(h);
						const r = await importFile(h.db, file, { now: n, mapping: maps[which] });
						expect(['imported', 'failed', 'already-imported']).toContain(r.status);
						const after = await count(h);
						if (r.status === 'failed') {
							expect(r.error).toBeTruthy();
							expect(after).toBe(before);
						} else if (r.status === 'imported') {
							expect(after - before).toBe(r.inserted);
							expect(r.inserted + r.updated).toBeLessThanOrEqual(r.accepted);
						}
						expect(await staged(h)).toBe(0);
					}
				),
				{ numRuns: database.kind === 'sqlite' ? 60 : 25 }
			);
		} finally {
			await h.close();
		}
	});
});
