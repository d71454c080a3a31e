// A private redis-server on a free port, for tests that stop and restart Redis (never the shared one).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

/**
 * The environment without libfaketime: when `npm test` moves the clock of the Node processes
 * (tests/run.ts), Redis keeps the real one like the shared server does, and redis-server does not
 * start with the library preloaded (jemalloc's clock_gettime recursion).
 */
function realClockEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')));
}

export interface PrivateRedis {
	url: string;
	port: number;
	/** SIGKILL: an outage, not a shutdown */
	kill(): Promise<void>;
	/** on the same port, empty (no persistence) — as after a crash of a cache-only Redis */
	start(): Promise<void>;
	stop(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
	const port = await freePort();
	const url = `redis://127.0.0.1:${port}`;
	let child: ChildProcess | null = null;
	const start = async () => {
		child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore', env: realClockEnv() });
		const end = Date.now() + 10_000;
		for (;;) {
			const c = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
			c.on('error', () => {});
			try {
				await c.connect();
				await c.ping();
				c.destroy();
				return;
			} catch {
				if (Date.now() > end) throw new Error(`redis-server on ${port} did not answer`);
				await new Promise((r) => setTimeout(r, 100));
			}
		}
	};
	const kill = async () => {
		const c = child;
		child = null;
		if (!c || c.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			c.once('exit', () => resolve());
			c.kill('SIGKILL');
		});
	};
	await start();
	return { url, port, kill, start, stop: kill };
}
