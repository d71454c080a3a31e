// The launcher in front of every TypeScript entry (package.json scripts and bin): on a Node too old
// to run .ts it says what to install instead of ERR_UNKNOWN_FILE_EXTENSION; on a good one it hands
// over in the same process, with the same argv, exit code and signals.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unsupported } from '../../bin/launch.mjs';

const root = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
const CI = process.env.CI === 'true' || process.env.CI === '1';

/** The first `node` on PATH (or in /usr/bin, /usr/local/bin) older than 22 — the machine's own, like `which -a node`. */
function oldNode(): { path: string; version: string } | null {
	const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
	for (const dir of new Set(dirs.filter(Boolean))) {
		const path = join(dir, 'node');
		try {
			accessSync(path, constants.X_OK);
		} catch {
			continue;
		}
		const version = spawnSync(path, ['--version'], { encoding: 'utf8', env: {} }).stdout?.trim() ?? '';
		if (/^v(1\d|2[01])\./.test(version)) return { path, version };
	}
	return null;
}

/** `node <file> args…` of each script that starts an entry, and the package bin. */
const entries = [
	...['start', 'demo', 'cli', 'bench'].map((name) => {
		const [node, ...argv] = pkg.scripts[name].split(' ');
		expect(node, `script "${name}"`).toBe('node');
		return { name: `npm run ${name}`, argv };
	}),
	...Object.entries(pkg.bin).map(([name, file]) => ({ name: `bin ${name}`, argv: [file] }))
];

describe('on Node older than 22.18', () => {
	const old = oldNode();
	if (!old && CI) throw new Error('CI: no Node 20 on this machine (which -a node) to check the launcher with');
	it.for(entries)('$name says what to install and exits 1', ({ argv }, ctx) => {
		if (!old) return ctx.skip('no Node older than 22 on PATH or in /usr/bin');
		const r = spawnSync(old.path, argv, { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 20_000 });
		expect(r.stderr).toContain(`Hotspot Patrol needs Node.js ≥ 22.18 (24 recommended); this is Node ${old.version.slice(1)} — install Node.js 24`);
		expect(r.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
		expect(r.status).toBe(1);
	});
});

describe('on this Node', () => {
	it('runs the entry in its own process with the same argv, and SIGTERM reaches it and sets the exit code', async () => {
		const child = spawn(process.execPath, ['bin/launch.mjs', 'tests/fixtures/launcher/entry.ts', '3', 'a', 'b c'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.setEncoding('utf8');
		child.stderr.on('data', (d) => (out += d));
		const first = await new Promise<string>((resolve) => child.stdout.on('data', function line(d: string) {
			out += d;
			if (out.includes('\n')) {
				child.stdout.off('data', line);
				resolve(out.split('\n')[0]);
			}
		}));
		expect(JSON.parse(first)).toEqual({ pid: child.pid, argv1: join(root, 'tests/fixtures/launcher/entry.ts'), args: ['a', 'b c'] });
		child.stdout.on('data', (d) => (out += d));
		const code = await new Promise<number | null>((resolve) => {
			child.once('exit', (c) => resolve(c));
			child.kill('SIGTERM');
		});
		expect(out).toContain('SIGTERM');
		expect(code).toBe(3);
	});

	it('passes the CLI its arguments and its exit code', () => {
		const help = spawnSync(process.execPath, [pkg.bin['hotspot-patrol'], 'evaluate', '--help'], { cwd: root, encoding: 'utf8' });
		expect(help.status).toBe(0);
		expect(help.stdout).toMatch(/evaluate/);
		const bad = spawnSync(process.execPath, [pkg.bin['hotspot-patrol'], 'no-such-command'], { cwd: root, encoding: 'utf8' });
		expect(bad.stderr).toContain('unknown command "no-such-command"');
		expect(bad.status).toBe(2);
	});

	it('knows which versions run TypeScript by themselves', () => {
		const v = (node: string, typescript: unknown = 'strip') => unsupported({ node } as NodeJS.ProcessVersions, { typescript } as unknown as NodeJS.ProcessFeatures);
		for (const old of ['20.20.2', '22.17.1', '23.5.0', '18.0.0']) expect(v(old), old).toContain(`this is Node ${old} — install`);
		for (const good of ['22.18.0', '23.6.0', '24.0.0', '26.1.0']) expect(v(good), good).toBeNull();
		expect(v('24.11.0', false)).toMatch(/type stripping turned off/);
	});
});
