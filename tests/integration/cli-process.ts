// The command-line tool as a real process against a test database.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DatabaseConfig } from '../../src/lib/server/config.ts';

const root = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);

export function databaseUrl(c: DatabaseConfig): string {
	if (c.kind === 'sqlite') return `sqlite:${c.path}`;
	const u = new URL(c.url);
	if (c.schema) u.searchParams.set('schema', c.schema);
	return u.toString();
}

export async function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await run(process.execPath, [join(root, 'src/cli/index.ts'), ...args], { cwd: root, env: { ...process.env, ...env } });
		return { code: 0, stdout, stderr };
	} catch (e) {
		const err = e as { code: number; stdout: string; stderr: string };
		return { code: err.code, stdout: err.stdout, stderr: err.stderr };
	}
}

export const lastLine = (s: string) => s.trim().split('\n').at(-1)!.trim();
