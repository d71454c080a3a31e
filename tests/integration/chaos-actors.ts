// The chaos test's actors: a server node as a child process that can be kill -9'd and restarted,
// and a phone that behaves as the app does — an outbox of fixes, sent until acknowledged, to
// whichever node it can reach (as a load balancer would).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { Fix } from '../../src/lib/domain/presence/fix.ts';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/contract.ts';

export type Client = Socket<ServerToClient, ClientToServer>;

export async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class NodeProcess {
	child: ChildProcess | null = null;
	readonly url: string;
	private readonly port: number;
	private readonly env: Record<string, string>;
	constructor(port: number, env: Record<string, string>) {
		this.port = port;
		this.env = env;
		this.url = `http://127.0.0.1:${port}`;
	}
	get alive(): boolean {
		return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
	}
	async start(): Promise<void> {
		const child = spawn(process.execPath, [new URL('./node-process.ts', import.meta.url).pathname], {
			env: { ...process.env, ...this.env, PORT: String(this.port) },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.child = child;
		child.stderr!.on('data', (d) => process.env.CHAOS_VERBOSE && process.stderr.write(`[${this.env.NODE_ID}] ${d}`));
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`node ${this.env.NODE_ID} did not start`)), 30_000);
			child.stdout!.on('data', (d) => {
				if (String(d).includes('ready')) {
					clearTimeout(timer);
					resolve();
				}
			});
			child.once('exit', (code) => reject(new Error(`node ${this.env.NODE_ID} exited with ${code}`)));
		});
	}
	kill9(): Promise<void> {
		const c = this.child;
		if (!c || !this.alive) return Promise.resolve();
		return new Promise((resolve) => {
			c.once('exit', () => resolve());
			c.kill('SIGKILL');
		});
	}
	stop(): Promise<void> {
		const c = this.child;
		if (!c || !this.alive) return Promise.resolve();
		return new Promise((resolve) => {
			c.once('exit', () => resolve());
			c.kill('SIGTERM');
			setTimeout(() => c.kill('SIGKILL'), 5000);
		});
	}
}

/** A phone: an outbox of fixes, sent until acknowledged, to whichever node it can reach. */
export class Phone {
	readonly produced: Fix[] = [];
	private outbox: Fix[] = [];
	acked = new Set<string>();
	private socket: Client | null = null;
	private sending = false;
	private offline = false;
	private next = 0;
	private readonly token: string;
	private readonly nodes: NodeProcess[];
	private readonly k: number;
	constructor(token: string, nodes: NodeProcess[], k: number) {
		this.token = token;
		this.nodes = nodes;
		this.k = k;
		this.next = k;
	}
	produce(t: number): void {
		const step = this.produced.length;
		const f = { id: randomUUID(), t, lat: 51.75 + (this.k % 20) * 0.0005 + step * 0.000005, lon: -1.26 + Math.floor(this.k / 20) * 0.0005, accuracy: 6 };
		this.produced.push(f);
		this.outbox.push(f);
	}
	cut(on: boolean): void {
		this.offline = on;
		if (on) {
			this.socket?.close();
			this.socket = null;
		}
	}
	/** Connects if needed (the next node along after a failure) and sends the outbox. */
	async pump(): Promise<void> {
		if (this.offline || this.sending) return;
		this.sending = true;
		try {
			if (!this.socket?.connected) {
				this.socket?.close();
				this.socket = null;
				const node = this.nodes[this.next++ % this.nodes.length];
				this.socket = await new Promise<Client | null>((resolve) => {
					const s: Client = io(node.url, { path: '/socket.io', transports: ['websocket'], auth: { token: this.token }, reconnection: false, timeout: 2000 });
					s.once('connect', () => resolve(s));
					s.once('connect_error', () => {
						s.close();
						resolve(null);
					});
				});
				if (!this.socket) return;
				const duty = await this.socket.timeout(5000).emitWithAck('duty:set', { onDuty: true }).catch(() => null);
				if (!duty?.ok) {
					this.socket.close();
					this.socket = null;
					return;
				}
			}
			if (this.outbox.length === 0) return;
			const batch = this.outbox.slice(0, 200);
			const ack = await this.socket.timeout(5000).emitWithAck('position:report', batch).catch(() => null);
			if (!ack?.ok) return;
			const done = new Set([...ack.accepted, ...ack.duplicates]);
			for (const id of done) this.acked.add(id);
			this.outbox = this.outbox.filter((f) => !done.has(f.id));
		} finally {
			this.sending = false;
		}
	}
	get pending(): number {
		return this.outbox.length;
	}
	close(): void {
		this.socket?.close();
	}
}
