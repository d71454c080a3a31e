// The source tree as the structural tests read it: every .ts and .svelte file under src/, and the
// module graph of their imports (relative and #lib/ specifiers; packages are leaves). Type-only
// imports count: a cycle through types still ties two files together for a reader.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');

export interface SourceFile {
	/** path from the repository root, with forward slashes */
	path: string;
	text: string;
	lines: number;
}

function walk(dir: string, out: string[]): string[] {
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory()) walk(p, out);
		else if (/\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
	}
	return out;
}

export function sourceFiles(): SourceFile[] {
	return walk(SRC, []).map((abs) => {
		const text = readFileSync(abs, 'utf8');
		return { path: relative(ROOT, abs).split('\\').join('/'), text, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) };
	});
}

/** Test files: not part of the running program. */
export const isTest = (path: string) => /\.test\.ts$/.test(path);

// import … from '…', export … from '…', import '…', import('…')
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** The files `file` imports, as repository paths (only files of the tree). */
export function importsOf(file: SourceFile, known: Set<string>): string[] {
	const out = new Set<string>();
	for (const m of file.text.matchAll(SPECIFIER)) {
		const spec = m[1];
		let target: string;
		if (spec.startsWith('#lib/')) target = join(SRC, 'lib', spec.slice(5));
		else if (spec.startsWith('.')) target = resolve(join(ROOT, dirname(file.path)), spec);
		else continue;
		const path = relative(ROOT, target).split('\\').join('/');
		for (const candidate of [path, `${path}.ts`, `${path}/index.ts`]) {
			if (known.has(candidate)) {
				out.add(candidate);
				break;
			}
		}
	}
	return [...out];
}

/** Every import cycle, each as the files around it (Tarjan's strongly connected components). */
export function importCycles(files: SourceFile[]): string[][] {
	const known = new Set(files.map((f) => f.path));
	const edges = new Map(files.map((f) => [f.path, importsOf(f, known)]));
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	const visit = (v: string) => {
		index.set(v, counter);
		low.set(v, counter++);
		stack.push(v);
		onStack.add(v);
		for (const w of edges.get(v) ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
		}
	};
	for (const f of known) if (!index.has(f)) visit(f);
	return cycles;
}
