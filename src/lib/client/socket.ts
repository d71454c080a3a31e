import type { Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '../realtime/contract.ts';

export type ClientSocket = Socket<ServerToClient, ClientToServer>;

/**
 * Browsers authenticate with their session cookie; WebSocket only, so no sticky sessions are
 * needed. The client library is loaded after the page is interactive: on a phone with 150 ms of
 * latency its 12 KB would otherwise delay the first tap.
 */
export async function connectSocket(): Promise<ClientSocket> {
	const { io } = await import('socket.io-client');
	return io({ path: '/socket.io', transports: ['websocket'], withCredentials: true });
}
