// The shell's structure, checked on the source tree itself so that it stays as
// docs/architecture.md describes it. Each rule lists its offenders by file, so a failure says
// exactly what to move; PENDING names what other work in flight still has to move, and a stale
// entry there fails too, so the list only shrinks.
import { describe, expect, it } from 'vitest';
import { importCycles, isTest, sourceFiles } from './source-tree.ts';

const files = sourceFiles();
const program = files.filter((f) => !isTest(f.path));

// SQL is built by Kysely's query builders, the sql`` template and transactions; a service may
// still run its work in one, through db/transaction.ts's inTransaction.
const SQL = [/\.selectFrom\(/, /\.insertInto\(/, /\.updateTable\(/, /\.deleteFrom\(/, /\.replaceInto\(/, /\bsql\s*(<[^>]*>)?\s*`/, /\bsql\.(raw|id|ref|table|lit|join|val)\(/, /\.transaction\(\)/, /\.executeQuery\(/];
const SQL_HOME = /^(src\/lib\/server\/db\/|migrations\/)/;

// Files over 300 lines that may stay so: the schema is one table after another, and pure data.
const LONG_ALLOWED = new Set(['src/lib/server/db/schema.ts', 'src/lib/domain/import/crs-definitions.ts']);
const MAX_LINES = 300;

// Work in flight elsewhere that still has to move; the lead removes an entry when the work that
// clears it is merged, and a stale entry fails, so the lists only shrink. Empty since [2/6].
const PENDING = {
	sql: [] as string[],
	long: [] as string[],
	cycles: [] as string[][]
};

function sqlBuilders(): string[] {
	return program.filter((f) => !SQL_HOME.test(f.path) && SQL.some((re) => re.test(f.text))).map((f) => f.path);
}

function longFiles(): string[] {
	return program.filter((f) => f.lines > MAX_LINES && !LONG_ALLOWED.has(f.path)).map((f) => f.path);
}

const key = (cycle: string[]) => [...cycle].sort().join(' <-> ');

describe('the server shell', () => {
	it('builds SQL only under src/lib/server/db/ (and migrations/)', () => {
		const found = sqlBuilders();
		expect(found.filter((p) => !PENDING.sql.includes(p)), 'these files build SQL outside src/lib/server/db/: move it into a query function').toEqual([]);
		expect(PENDING.sql.filter((p) => !found.includes(p)), 'no longer build SQL: remove them from PENDING.sql').toEqual([]);
	});

	it('mentions globalThis only in the bridge between module instances (app-bridge.ts)', () => {
		const found = program.filter((f) => f.path !== 'src/lib/server/app-bridge.ts' && /\bglobalThis\b/.test(f.text)).map((f) => f.path);
		expect(found, 'reach the App through event.locals (routes) or the dependencies a service is given').toEqual([]);
	});

	it('has no route, component or service asking for a global context', () => {
		const found = program.filter((f) => /\b(getContext|peekContext|setContext)\(/.test(f.text) && /lib\/server\/|routes\/.*\.server\.ts$|hooks\.server\.ts$/.test(f.path)).map((f) => f.path);
		expect(found).toEqual([]);
	});

	it('has no import cycle', () => {
		const cycles = importCycles(files).map(key);
		const pending = PENDING.cycles.map(key);
		expect(cycles.filter((c) => !pending.includes(c)), 'files that import each other, directly or round a loop').toEqual([]);
		expect(pending.filter((c) => !cycles.includes(c)), 'no longer a cycle: remove it from PENDING.cycles').toEqual([]);
	});

	it(`has no source file over ${MAX_LINES} lines (the schema and pure data aside)`, () => {
		const found = longFiles();
		const lines = (p: string) => `${p} (${files.find((f) => f.path === p)!.lines})`;
		expect(found.filter((p) => !PENDING.long.includes(p)).map(lines), 'split these along their seams').toEqual([]);
		expect(PENDING.long.filter((p) => !found.includes(p)), 'now short enough: remove them from PENDING.long').toEqual([]);
	});
});

describe('the structural checks themselves', () => {
	it('see SQL, a global and a cycle where there is one', () => {
		const at = (path: string, text: string) => ({ path, text, lines: text.split('\n').length });
		const tree = [
			at('src/lib/server/services/a.ts', "import { b } from './b.ts';\nexport const a = (db) => db.selectFrom('users');"),
			at('src/lib/server/services/b.ts', "import type { a } from './a.ts';\nexport const b = sql`select 1`;"),
			at('src/lib/server/services/c.ts', "import { a } from '#lib/server/services/a.ts';\nglobalThis.x = a;")
		];
		expect(tree.filter((f) => SQL.some((re) => re.test(f.text))).map((f) => f.path)).toEqual(['src/lib/server/services/a.ts', 'src/lib/server/services/b.ts']);
		expect(importCycles(tree).map(key)).toEqual(['src/lib/server/services/a.ts <-> src/lib/server/services/b.ts']);
		expect(tree.filter((f) => /\bglobalThis\b/.test(f.text)).map((f) => f.path)).toEqual(['src/lib/server/services/c.ts']);
	});
});
