// Files from other forces and cities, as their analysts bring them, on real SQLite and PostgreSQL:
// projected coordinates in feet, tabs and semicolons, Windows-1252, dates in parts, "NA" places,
// placeholder points, times stamped with a bogus "Z" — each read right or refused naming the file,
// row and field; an import is a file read through one mapping, and can be removed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STARTER_HARM } from '../../src/lib/domain/hotspots/harm.ts';
import { migrate, openDatabase, type DbHandle } from '../../src/lib/server/db/connect.ts';
import { parseMapping } from '../../src/lib/domain/import/formats/mapping.ts';
import { loadColumns } from '../../src/lib/server/import/load-columns.ts';
import { removeImport } from '../../src/lib/server/services/import-removal.ts';
import { importFile } from '../../src/lib/server/services/imports.ts';
import { testDatabases } from './harness.ts';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;
const raw = (name: string) => JSON.parse(readFileSync(fixture(`mappings/${name}.json`), 'utf8'));
const mapping = (name: string, patch: Record<string, unknown> = {}) => parseMapping({ ...raw(name), ...patch });
const CHICAGO = fixture('elsewhere/chicago-2019-07-3435.csv');
const MEMPHIS_TSV = fixture('elsewhere/memphis-2019-q1-2274.tsv');
const MEMPHIS_LATIN1 = fixture('elsewhere/memphis-2019-q1-latin1.csv');
const scratch = mkdtempSync(join(tmpdir(), 'hp-elsewhere-'));
const dbs = testDatabases();
afterAll(async () => {
	for (const d of dbs) await d.cleanup();
});

async function fresh(database: (typeof dbs)[number]): Promise<DbHandle> {
	const h = await openDatabase(database.fresh());
	await migrate(h);
	return h;
}
const count = async (h: DbHandle, table: 'crime_records' | 'imports' | 'crime_persons' | 'persons' = 'crime_records') =>
	Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const record = (h: DbHandle, source: string, id: string) => h.db.selectFrom('crime_records').selectAll().where('source', '=', source).where('source_id', '=', id).executeTakeFirstOrThrow();

describe.each(dbs.map((d) => [d.kind, d] as const))('%s', (_kind, database) => {
	it('reads State Plane coordinates in US feet through the mapping\'s crs, blank places counted', async () => {
		const h = await fresh(database);
		try {
			const r = await importFile(h.db, CHICAGO, { now: 1, mapping: mapping('chicago-stateplane') });
			expect(r).toMatchObject({ status: 'imported', rowsRead: 419, accepted: 414, withoutLocation: 5, rejected: 0 });
			const rows = await h.db.selectFrom('crime_records').select(['lon', 'lat', 'occurred_at', 'month']).orderBy('occurred_at').execute();
			// the first row: 07/01/2019 12:02 AM in Chicago (CDT, UTC−5), at -87.6471, 41.9328 to the foot
			expect(Number(rows[0].occurred_at)).toBe(Date.UTC(2019, 6, 1, 5, 2));
			expect(rows[0].lon).toBeCloseTo(-87.6471, 4);
			expect(rows[0].lat).toBeCloseTo(41.9328, 4);
			expect(rows.every((x) => x.lon > -87.95 && x.lon < -87.5 && x.lat > 41.6 && x.lat < 42.05)).toBe(true);
		} finally {
			await h.close();
		}
	});

	it('refuses US coordinates read as British National Grid, and coordinates outside the named system, naming row and field', async () => {
		const h = await fresh(database);
		try {
			// with the records' zone given, a mapping without "crs" is refused before any row is read
			expect(() => mapping('memphis-parts', { crs: undefined })).toThrow(/mapping\.crs: required with "easting"\/"northing" when the records are not British \(datetime\.tz is America\/Chicago\)/);
			const { tz: _, ...noZone } = raw('memphis-parts').datetime;
			const asBng = await importFile(h.db, MEMPHIS_TSV, { now: 1, mapping: mapping('memphis-parts', { crs: undefined, datetime: noZone }) });
			expect(asBng.status).toBe('failed');
			expect(asBng.error).toMatch(/^no record could be stored \(490 rows read, 480 rejected, 10 without a location\); first rejection: row 2, X\/Y: "790306.0, 320643.7" is outside the area of EPSG:27700 .*set "crs"/);
			// feet read as metres, and a State Plane zone of another state
			const metres = await importFile(h.db, MEMPHIS_TSV, { now: 2, mapping: mapping('memphis-parts', { crs: 'EPSG:26971' }) });
			expect(metres.status).toBe('failed');
			expect(metres.rejections[0]).toEqual({ row: 2, field: 'X/Y', reason: expect.stringMatching(/^"790306.0, 320643.7" is outside the area of EPSG:26971 \(NAD83 \/ Illinois East\) \(it would be at 39\.\d+, -82\.\d+\)$/) });
			expect(await count(h)).toBe(0);
			expect(await count(h, 'imports')).toBe(0);
			expect(() => mapping('memphis-parts', { crs: 'EPSG:9999999' })).toThrow(/mapping\.crs: "EPSG:9999999" is not a supported coordinate system/);
		} finally {
			await h.close();
		}
	});

	it('reads a tab-separated file with the date in parts, "NA" places as records without a location, a repeated id replaced', async () => {
		const h = await fresh(database);
		try {
			const r = await importFile(h.db, MEMPHIS_TSV, { now: 1, mapping: mapping('memphis-parts') });
			expect(r).toMatchObject({ status: 'imported', format: 'mapped CSV', rowsRead: 490, accepted: 480, withoutLocation: 10, rejected: 0, repeated: 3, inserted: 477 });
			const first = await record(h, 'memphis-rms', '15213800');
			// 2019-01-01 01:30 in Memphis (CST, UTC−6); the later row's offence wins
			expect(first).toMatchObject({ occurred_at: Date.UTC(2019, 0, 1, 7, 30), month: '2019-01', category: 'Robbery' });
			expect(first.lon).toBeCloseTo(-89.942, 3);
			expect(first.lat).toBeCloseTo(35.149, 3);
		} finally {
			await h.close();
		}
	});

	it('reads a Windows-1252, semicolon file with decimal commas in the mapping\'s zone, saying so; leaves placeholder places out when told', async () => {
		const h = await fresh(database);
		try {
			const { exclude: _, ...noExclude } = raw('memphis-latin1');
			const r = await importFile(h.db, MEMPHIS_LATIN1, { now: 1, mapping: parseMapping(noExclude) });
			expect(r).toMatchObject({ status: 'imported', rowsRead: 547, accepted: 547, rejected: 0 });
			const places = (await h.db.selectFrom('crime_records').select('location').distinct().execute()).map((x) => x.location);
			expect(places).toEqual(expect.arrayContaining(['Café Olé Blvd', 'Señor Ct']));
			expect(r.warnings).toEqual(
				expect.arrayContaining([
					expect.stringMatching(/^not UTF-8 \(first at line 2, byte \d+ \(0xF1\)\): read as Windows-1252/),
					expect.stringMatching(/^547 date-times carry an offset that disagrees with the mapping's zone America\/Chicago \(first: row 2, when "2019-01-01T01:30:00.000Z"\)/),
					expect.stringMatching(/^60 records \(11 % of 547\) sit at one exact point \(35\.1476, -90\.0463\).*placeholder/)
				])
			);
			// the mapping's zone wins over the stamped "Z": 01:30 in Memphis is 07:30 UTC
			expect((await record(h, 'memphis-portal', '15213800')).occurred_at).toBe(Date.UTC(2019, 0, 1, 7, 30));

			const h2 = await fresh(database);
			try {
				const x = await importFile(h2.db, MEMPHIS_LATIN1, { now: 1, mapping: mapping('memphis-latin1') });
				expect(x).toMatchObject({ status: 'imported', accepted: 487, excluded: 60 });
				expect(x.warnings.some((w) => /placeholder/.test(w))).toBe(false);
				const strict = await importFile(h2.db, MEMPHIS_LATIN1, { now: 2, mapping: mapping('memphis-latin1', { encoding: 'utf-8' }) });
				expect(strict.status).toBe('failed');
				expect(strict.error).toMatch(/^line 2, byte \d+ \(0xF1\): not UTF-8, though the mapping says "encoding": "utf-8"/);
			} finally {
				await h2.close();
			}
		} finally {
			await h.close();
		}
	});

	it('an import is a file through a mapping: a fixed mapping reads the file again, a file that stores nothing is not marked', async () => {
		const h = await fresh(database);
		try {
			const wrong = await importFile(h.db, MEMPHIS_TSV, { now: 1, mapping: mapping('memphis-parts', { crs: 'EPSG:26971' }) });
			expect(wrong.status).toBe('failed');
			const right = await importFile(h.db, MEMPHIS_TSV, { now: 2, mapping: mapping('memphis-parts') });
			expect(right).toMatchObject({ status: 'imported', inserted: 477 });
			expect((await importFile(h.db, MEMPHIS_TSV, { now: 3, mapping: mapping('memphis-parts', { name: 'renamed' }) })).status).toBe('already-imported');
			// a different reading of the same bytes is read again, and the earlier import is named
			const other = await importFile(h.db, MEMPHIS_TSV, { now: 4, mapping: mapping('memphis-parts', { source: 'memphis-rms-2' }) });
			expect(other).toMatchObject({ status: 'imported', inserted: 477, sameFile: [{ id: right.importId, mapping: raw('memphis-parts').name }] });
			expect(other.warnings).toContainEqual(expect.stringMatching(new RegExp(`imported before as import ${right.importId} .*cli imports remove ${right.importId}`)));
			// an all-rejected file with a header only is refused too
			const empty = join(scratch, `header-only-${database.kind}.tsv`);
			writeFileSync(empty, readFileSync(MEMPHIS_TSV, 'utf8').split('\n')[0] + '\n');
			expect(await importFile(h.db, empty, { now: 5, mapping: mapping('memphis-parts') })).toMatchObject({ status: 'failed', error: expect.stringMatching(/^no record could be stored \(0 rows read/) });
			expect(await count(h, 'imports')).toBe(2);
		} finally {
			await h.close();
		}
	});

	it('a file and the database agree on repeated ids, within a file and across files', async () => {
		const h = await fresh(database);
		try {
			const later = join(scratch, `memphis-later-${database.kind}.tsv`);
			const lines = readFileSync(MEMPHIS_TSV, 'utf8').trimEnd().split('\n');
			// a later export repeating 100 of the same ids, and 5 new ones
			writeFileSync(later, [lines[0], ...lines.slice(1, 101), ...lines.slice(1, 6).map((l) => l.replace(/^(\d+)/, '$1-new'))].join('\n') + '\n');
			const m = mapping('memphis-parts');
			for (const f of [MEMPHIS_TSV, later]) expect((await importFile(h.db, f, { now: 1, mapping: m })).status).toBe('imported');
			const { columns, reports } = await loadColumns([MEMPHIS_TSV, later], { mapping: m, harm: STARTER_HARM });
			expect(columns.n).toBe(await count(h));
			expect(columns.n).toBe(482);
			expect(reports.map((r) => r.repeated)).toEqual([3 + 98, 0]);
		} finally {
			await h.close();
		}
	});

	it('removing an import removes its records, their links and people no other record names, reloads the dashboards, and is audited', async () => {
		const h = await fresh(database);
		try {
			const kept = await importFile(h.db, MEMPHIS_TSV, { now: 1, mapping: mapping('memphis-parts') });
			const people = await importFile(h.db, fixture('force/synthetic-people-2024.csv'), { now: 2, mapping: mapping('force-people') });
			expect(people.persons).toBeGreaterThan(0);
			const version = async () => Number((await h.db.selectFrom('meta').select('value').where('key', '=', 'crime_version').executeTakeFirstOrThrow()).value);
			const before = await version();
			const done = await removeImport(h.db, people.importId!, { now: 3, actor: { id: null, name: 'test' } });
			expect(done).toMatchObject({ importId: people.importId, records: people.inserted, persons: people.persons });
			expect(done!.links).toBeGreaterThan(0);
			expect(await count(h)).toBe(kept.inserted);
			expect(await count(h, 'crime_persons')).toBe(0);
			expect(await count(h, 'persons')).toBe(0);
			expect(await version()).toBe(before + 1);
			const row = await h.db.selectFrom('audit_log').selectAll().where('subject', '=', `import:${people.importId}`).where('operation', '=', 'erasure').executeTakeFirstOrThrow();
			expect(JSON.parse(row.detail)).toEqual({ records: done!.records, links: done!.links, persons: done!.persons });
			expect(await removeImport(h.db, people.importId!, { now: 4, actor: { id: null, name: 'test' } })).toBeNull();
			// the same file can now be imported again
			expect((await importFile(h.db, fixture('force/synthetic-people-2024.csv'), { now: 5, mapping: mapping('force-people') })).status).toBe('imported');
		} finally {
			await h.close();
		}
	});
});

describe('npm run cli -- imports', () => {
	const root = new URL('../../', import.meta.url).pathname;
	const cli = (argv: string[], url: string) => spawnSync(process.execPath, ['src/cli/index.ts', ...argv], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url } });

	it('lists imports with what they stored and removes one by id', async () => {
		const config = dbs[0].fresh();
		if (config.kind !== 'sqlite') throw new Error('testDatabases() lists SQLite first');
		const url = `sqlite:${config.path}`;
		const map = join(scratch, 'memphis-parts.json');
		writeFileSync(map, JSON.stringify(raw('memphis-parts')));
		const imported = cli(['import', MEMPHIS_TSV, '--mapping', map], url);
		expect(imported.status, imported.stderr).toBe(0);
		expect(imported.stdout).toMatch(/import 1, mapped CSV: 490 rows; 477 added, 0 updated, 10 without a location, 0 rejected, 3 repeated ids/);
		const again = cli(['import', MEMPHIS_TSV, '--mapping', map], url);
		expect(again.stdout).toMatch(/already imported as import 1 \(same content, same mapping\)/);
		const list = cli(['imports', 'list'], url);
		expect(list.stdout).toMatch(/^1\t\d{4}-\d\d-\d\d \d\d:\d\d\tmemphis-2019-q1-2274\.tsv\tmapped CSV \(mapping "Memphis records system[^"]*"\)\t490 rows: 477 stored, 0 rejected, 10 without a location; holds 477 records$/m);
		const removed = cli(['imports', 'remove', '1'], url);
		expect(removed.status, removed.stderr).toBe(0);
		expect(removed.stdout).toMatch(/^removed import 1 \(memphis-2019-q1-2274\.tsv\): 477 records, 0 links to people, 0 people no other record names$/m);
		expect(cli(['imports', 'list'], url).stdout.trim()).toBe('no imports');
		const missing = cli(['imports', 'remove', '1'], url);
		expect(missing.status).toBe(1);
		expect(missing.stderr).toMatch(/no import 1/);
		expect(cli(['imports', 'drop'], url).stderr).toMatch(/imports: say "list" or "remove <id>"/);
	});
});
