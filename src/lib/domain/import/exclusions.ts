// Rows a mapping leaves out by a column's value — an export that puts every "unknown location"
// record at one placeholder point, test records, a category the force never wants scored. Left-out
// rows are counted in the report, never silently dropped and never rejections.

export type Exclusion = { column: string; ignoreCase?: boolean } & ({ equals: string } | { in: string[] } | { matches: string });

type ErrorClass = new (message: string) => Error;

/** Validates the "exclude" list of a mapping, naming the entry at fault. */
export function parseExclusions(raw: unknown, where: string, Err: ErrorClass): Exclusion[] {
	if (!Array.isArray(raw)) throw new Err(`${where}: a list of { column, equals | in | matches }`);
	return raw.map((x, i) => {
		const at = `${where}[${i}]`;
		const r = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
		if (typeof r.column !== 'string' || r.column === '') throw new Err(`${at}.column: the column to test`);
		const ignoreCase = r.ignoreCase === undefined ? undefined : r.ignoreCase === true;
		if (r.ignoreCase !== undefined && typeof r.ignoreCase !== 'boolean') throw new Err(`${at}.ignoreCase: true or false`);
		const tests = ['equals', 'in', 'matches'].filter((k) => r[k] !== undefined);
		if (tests.length !== 1) throw new Err(`${at}: give exactly one of "equals", "in" or "matches"`);
		if (r.equals !== undefined) {
			if (typeof r.equals !== 'string') throw new Err(`${at}.equals: a string`);
			return { column: r.column, ignoreCase, equals: r.equals };
		}
		if (r.in !== undefined) {
			if (!Array.isArray(r.in) || r.in.some((v) => typeof v !== 'string')) throw new Err(`${at}.in: a list of strings`);
			return { column: r.column, ignoreCase, in: r.in as string[] };
		}
		if (typeof r.matches !== 'string') throw new Err(`${at}.matches: a regular expression as a string`);
		try {
			new RegExp(r.matches);
		} catch (e) {
			throw new Err(`${at}.matches: not a regular expression (${(e as Error).message})`);
		}
		return { column: r.column, ignoreCase, matches: r.matches };
	});
}

/** A test over a row's fields: the index of the first exclusion that matches, or -1. Values are trimmed. */
export function exclusionTest(rules: Exclusion[]): (get: (column: string) => string | undefined) => number {
	const tests = rules.map((r) => {
		const fold = (s: string) => (r.ignoreCase ? s.toLowerCase() : s);
		if ('equals' in r) {
			const v = fold(r.equals.trim());
			return (s: string) => fold(s) === v;
		}
		if ('in' in r) {
			const set = new Set(r.in.map((v) => fold(v.trim())));
			return (s: string) => set.has(fold(s));
		}
		const re = new RegExp(r.matches, r.ignoreCase ? 'i' : '');
		return (s: string) => re.test(s);
	});
	return (get) => {
		for (let i = 0; i < rules.length; i++) if (tests[i]((get(rules[i].column) ?? '').trim())) return i;
		return -1;
	};
}

export function describeExclusion(r: Exclusion): string {
	const how = 'equals' in r ? `= ${JSON.stringify(r.equals)}` : 'in' in r ? `in ${JSON.stringify(r.in)}` : `matches /${r.matches}/`;
	return `${r.column} ${how}${r.ignoreCase ? ' (any case)' : ''}`;
}
