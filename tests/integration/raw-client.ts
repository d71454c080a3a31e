// Clients written by hand, for what the libraries refuse to send: a Socket.IO frame holding 6,000
// nested arrays (the client's own encoder would overflow its stack), a chunked body, or a 50 MB
// upload the server cuts off.
import { connect } from 'node:net';
import type { Socket } from 'socket.io-client';

export const nested = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);

/** Sends a hand-made Socket.IO EVENT frame (the client library cannot encode a 6,000-deep value) and waits for its ack. */
export function rawEmit(c: Socket, body: string, ms = 5000): Promise<unknown[]> {
	const id = 1000 + Math.floor(Math.random() * 1e6);
	return new Promise((resolve, reject) => {
		const prefix = `3${id}[`;
		const timer = setTimeout(() => {
			c.io.engine.off('message', on);
			reject(new Error(`no ack within ${ms} ms for ${body.slice(0, 60)}…`));
		}, ms);
		const on = (m: unknown) => {
			const s = String(m);
			if (!s.startsWith(prefix)) return;
			clearTimeout(timer);
			c.io.engine.off('message', on);
			resolve(JSON.parse(s.slice(prefix.length - 1)) as unknown[]);
		};
		c.io.engine.on('message', on);
		c.io.engine.send(`2${id}${body}`);
	});
}

/**
 * A POST written on a bare TCP socket, so a body can be chunked and a 50 MB upload can be cut off
 * by the server's answer: whatever the server sends back is read, and write errors after it closed
 * the connection are expected.
 */
export function rawPost(url: string, path: string, headers: Record<string, string>, chunks: Iterable<Buffer>): Promise<{ status: number; body: string; ms: number }> {
	const t0 = performance.now();
	const { hostname, port } = new URL(url);
	const chunked = headers['transfer-encoding'] === 'chunked';
	return new Promise((resolve) => {
		const socket = connect(Number(port), hostname);
		let received = '';
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			const [head, ...rest] = received.split('\r\n\r\n');
			resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body: rest.join('\r\n\r\n'), ms: performance.now() - t0 });
			socket.destroy();
		};
		socket.on('data', (d: Buffer) => {
			received += d.toString('latin1');
			const end = received.indexOf('\r\n\r\n');
			const length = /content-length: (\d+)/i.exec(received.slice(0, end));
			if (end >= 0 && length && received.length >= end + 4 + Number(length[1])) finish();
		});
		socket.on('error', () => {});
		socket.on('close', finish);
		socket.write(`POST ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
		void (async () => {
			for (const c of chunks) {
				if (done || socket.destroyed) return;
				const ok = socket.write(chunked ? Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]) : c);
				if (!ok) await new Promise((r) => socket.once('drain', r).once('close', r));
			}
			if (!done && !socket.destroyed && chunked) socket.write('0\r\n\r\n');
		})();
	});
}

