// Opening the load tool's sockets: officers (on duty, with ack) a few hundred at a time, so the
// server meets a busy shift change rather than a SYN flood, and the control room's supervisor.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '../realtime/contract.ts';

export type LoadSocket = Socket<ServerToClient, ClientToServer>;

export function openSocket(url: string, token: string): LoadSocket {
	return io(url, {
		path: '/socket.io',
		transports: ['websocket'],
		auth: { token },
		// one engine connection per officer, as separate phones have
		forceNew: true,
		reconnectionDelay: 500,
		reconnectionDelayMax: 5000
	});
}

/** Resolves once connected, or with the reason it could not be: refused (no retry) or timed out. */
export function connected(socket: LoadSocket, timeoutMs: number): Promise<string | null> {
	return new Promise((resolve) => {
		let last = '';
		const done = (error: string | null) => {
			clearTimeout(timer);
			socket.off('connect', onConnect);
			socket.off('connect_error', onError);
			resolve(error);
		};
		const onConnect = () => done(null);
		const onError = (e: Error) => {
			last = e.message;
			// not active: the server refused the handshake (bad token); socket.io will not retry
			if (!socket.active) done(`refused: ${e.message}`);
		};
		const timer = setTimeout(() => done(`no connection within ${timeoutMs / 1000} s${last ? ` (${last})` : ''}`), timeoutMs);
		if (socket.connected) return done(null);
		socket.on('connect', onConnect);
		socket.on('connect_error', onError);
	});
}

/** Puts an officer on or off duty; null when the server agreed. */
export function setDuty(socket: LoadSocket, onDuty: boolean, timeoutMs: number): Promise<string | null> {
	return new Promise((resolve) => {
		socket.timeout(timeoutMs).emit('duty:set', { onDuty }, (err: Error | null, r) => {
			if (err) resolve(`duty:set ${onDuty ? 'on' : 'off'}: ${err.message}`);
			else resolve(r.ok ? null : `duty:set: ${r.error}`);
		});
	});
}

/** Runs `work` over 0…n-1 with at most `limit` at a time. */
export async function pool(n: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < n) await work(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}
