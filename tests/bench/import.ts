// Importing at force scale: the 61,645 Thames Valley street records of January 2024 and the three
// months after (62,976 rows in four files) read through the importer (encoding check, delimiter
// detection, row mapping) and imported into a fresh SQLite database. The baseline, measured in the
// same run, is the bare CSV reader over the same bytes; the reader's overhead is the ratio.
// The shared data sits beside the repository (../shared/data), as in CI.
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '../../src/lib/server/db/connect.ts';
import { CsvReader } from '../../src/lib/domain/import/csv.ts';
import { readRecords } from '../../src/lib/server/import/read-records.ts';
import { importFile } from '../../src/lib/server/services/imports.ts';

const dir = new URL('../../../shared/data/crime/thames-valley/', import.meta.url).pathname;

async function best<T>(runs: number, f: () => Promise<T>): Promise<{ ms: number; value: T }> {
	let ms = Infinity;
	let value!: T;
	for (let k = 0; k < runs; k++) {
		const t0 = performance.now();
		value = await f();
		ms = Math.min(ms, performance.now() - t0);
	}
	return { ms, value };
}

export async function run(): Promise<void> {
	if (!existsSync(dir)) {
		console.log(`skipped: ${dir} is not there`);
		return;
	}
	const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => join(dir, f));
	const bare = await best(5, async () => {
		let rows = 0;
		for (const f of files) {
			const csv = new CsvReader(() => rows++);
			const decoder = new TextDecoder();
			for await (const chunk of createReadStream(f)) csv.push(decoder.decode(chunk as Buffer, { stream: true }));
			csv.end();
		}
		return rows;
	});
	const read = await best(5, async () => {
		let rows = 0;
		for (const f of files) await readRecords(f, {}, () => rows++);
		return rows;
	});
	const tmp = mkdtempSync(join(tmpdir(), 'hp-bench-import-'));
	let n = 0;
	const imported = await best(3, async () => {
		const h = await openDatabase({ kind: 'sqlite', path: join(tmp, `b${n++}.db`) });
		await migrate(h);
		let rows = 0;
		for (const f of files) rows += (await importFile(h.db, f, { now: 1 })).inserted;
		await h.close();
		return rows;
	});
	rmSync(tmp, { recursive: true, force: true });
	const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-GB')} rows/s`;
	console.log(`bare CSV reader (baseline): ${bare.value} rows in ${bare.ms.toFixed(0)} ms (${rate(bare.value, bare.ms)})`);
	console.log(`readRecords: ${read.value} rows in ${read.ms.toFixed(0)} ms (${rate(read.value, read.ms)}), ${(read.ms / bare.ms).toFixed(2)}× the baseline`);
	console.log(`import into SQLite: ${imported.value} records in ${imported.ms.toFixed(0)} ms (${rate(imported.value, imported.ms)}), ${(imported.ms / bare.ms).toFixed(1)}× the baseline`);
}
