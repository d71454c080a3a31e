// The processes the load bench drives, and their clean-up: the CLI (seeding, the load tool), server
// nodes with their logs, and each process's peak memory and CPU from /proc. Every child is
// registered, so a failure or Ctrl-C anywhere still stops them all and removes the scratch directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult } from '../../src/lib/load/result.ts';

const root = new URL('../../', import.meta.url).pathname;
const env = process.env;

/** Every child this bench starts, so that a failure anywhere still stops them all. */
export class Children {
	private readonly all = new Set<ChildProcess>();

	spawn(args: string[], extraEnv: Record<string, string>, log?: string): ChildProcess {
		const fd = log ? openSync(log, 'a') : null;
		const child = spawn(process.execPath, args, {
			cwd: root,
			env: { ...env, ...extraEnv },
			stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe']
		});
		if (fd !== null) closeSync(fd);
		this.all.add(child);
		child.once('exit', () => this.all.delete(child));
		return child;
	}

	async stop(child: ChildProcess, graceMs = 15_000): Promise<void> {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}

	stopAll(): Promise<void[]> {
		return Promise.all([...this.all].map((c) => this.stop(c)));
	}

	killNow(): void {
		for (const c of this.all) c.kill('SIGKILL');
	}
}

/** `node src/cli/index.ts …`; resolves with stdout, rejects with the command's own error. */
export function cli(children: Children, args: string[], extraEnv: Record<string, string> = {}, onLine?: (line: string) => void): Promise<string> {
	const child = children.spawn(['src/cli/index.ts', ...args], extraEnv);
	let out = '';
	let err = '';
	let partial = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => {
		err += d;
		if (!onLine) return;
		const lines = (partial + d).split('\n');
		partial = lines.pop()!;
		for (const line of lines) onLine(line);
	});
	return new Promise((resolve, reject) =>
		child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`cli ${args[0]} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`))))
	);
}

/**
 * One load-tool run, echoing its progress; with a server process to watch, also that server's CPU
 * share while fixes were being sent (from the tool's "sending" line to its "stopped" line).
 */
export async function load(children: Children, args: string[], servers: ChildProcess[] = []): Promise<{ r: LoadResult; serverCpu: number[] }> {
	let from: { at: number; cpuS: number[] } | null = null;
	const serverCpu: number[] = [];
	const out = await cli(children, ['load', ...args], {}, (line) => {
		process.stderr.write(`    ${line}\n`);
		if (/ sending at /.test(line)) from = { at: performance.now(), cpuS: servers.map((c) => usage(c).cpuS) };
		if (/sending stopped/.test(line) && from) {
			const s = (performance.now() - from.at) / 1000;
			for (const [i, c] of servers.entries()) serverCpu[i] = ((usage(c).cpuS - from.cpuS[i]) / s) * 100;
		}
	});
	return { r: JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult, serverCpu };
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
		s.once('error', reject);
	});
}

export interface Node {
	child: ChildProcess;
	url: string;
	log: string;
}

/** Starts a server process and waits for its health check; a failure names the log's last lines. */
export async function startNode(children: Children, args: string[], extraEnv: Record<string, string>, log: string): Promise<Node> {
	const port = await freePort();
	const nodeOptions: Record<string, string> = env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: env.BENCH_SERVER_NODE_OPTIONS } : {};
	const child = children.spawn(args, { ...extraEnv, ...nodeOptions, PORT: String(port), HOST: '127.0.0.1' }, log);
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) break;
		try {
			if ((await fetch(`${url}/api/health`)).ok) return { child, url, log };
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	await children.stop(child);
	throw new Error(`server on ${url} did not come up: ${tail(log, 5)}`);
}

export function tail(file: string, lines: number): string {
	try {
		return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join(' | ') || '(empty log)';
	} catch {
		return '(no log)';
	}
}

/** Peak resident memory (VmHWM) and CPU seconds so far of a live process. */
export function usage(child: ChildProcess): { peakMb: number; cpuS: number } {
	const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
	const peakKb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
	// fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name; 100 ticks a second on Linux
	const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return { peakMb: peakKb / 1024, cpuS: (Number(stat[11]) + Number(stat[12])) / 100 };
}

export function serverErrors(log: string): string {
	const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => /error|fail|warn/i.test(l)) : [];
	return lines.length ? `${lines.length} error lines in the server log, e.g. ${lines.slice(0, 3).join(' | ')}` : 'no errors in the server log';
}

export function ensureBuild(): void {
	if (existsSync(join(root, 'build/index.js'))) return;
	console.log('load: build/ is missing; running vite build once');
	const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('vite build failed');
}

/** Runs `fn` with a scratch directory and child registry that are cleaned up whatever happens, Ctrl-C included. */
export async function scratch<T>(name: string, fn: (dir: string, children: Children) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), `hp-bench-${name}-`));
	const children = new Children();
	const onExit = () => {
		children.killNow();
		rmSync(dir, { recursive: true, force: true });
	};
	const onSignal = () => {
		onExit();
		process.exit(130);
	};
	process.once('exit', onExit);
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		return await fn(dir, children);
	} finally {
		await children.stopAll();
		rmSync(dir, { recursive: true, force: true });
		process.off('exit', onExit);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
}

/** One part of the bench; a failure is printed and the rest still runs. */
export async function attempt<T>(label: string, fn: () => Promise<T>): Promise<T | null> {
	try {
		return await fn();
	} catch (e) {
		console.log(`load ${label}: failed: ${(e as Error).message}`);
		return null;
	}
}

/** Officers and a supervisor's API token in the given database, made with the CLI as an operator would. */
export async function seed(children: Children, dir: string, dbEnv: Record<string, string>, count: number, prefix: string): Promise<{ tokens: string; supervisor: string }> {
	const tokens = join(dir, 'tokens.csv');
	await cli(children, ['officers', 'add', '--count', String(count), '--prefix', prefix, '--tokens', tokens], dbEnv);
	const out = await cli(children, ['users', 'add', '--role', 'supervisor', '--name', `${prefix.toLowerCase()}-sgt`, '--token'], dbEnv);
	return { tokens, supervisor: out.trim().split('\n').at(-1)! };
}
