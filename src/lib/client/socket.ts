import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '../realtime/contract.ts';

export type ClientSocket = Socket<ServerToClient, ClientToServer>;

/** Browsers authenticate with their session cookie; WebSocket only, so no sticky sessions are needed. */
export function connectSocket(): ClientSocket {
	return io({ path: '/socket.io', transports: ['websocket'], withCredentials: true });
}
