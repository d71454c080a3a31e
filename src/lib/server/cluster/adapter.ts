// Socket.IO across nodes: the Redis Streams adapter carries every emit to every node's sockets,
// and its stream keeps enough for a reconnection window (REDIS_STREAM_MAXLEN).
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from './redis-client.ts';

/**
 * The adapter's connection. The adapter awaits its XADD before delivering to local sockets, so it
 * must fail fast while Redis is away to keep local fan-out going; its blocking reader, a
 * duplicate, must instead wait for the connection (its loop retries at once on an error).
 */
export function adapterConnection(client: Redis): Redis {
	const duplicate = client.duplicate.bind(client);
	(client as unknown as { duplicate: (o?: object) => Redis }).duplicate = (o?: object) => {
		const d = duplicate({ ...o, disableOfflineQueue: false });
		d.on('error', () => {});
		return d as Redis;
	};
	return client;
}

export function socketIoAdapter(client: Redis, opts: { prefix: string; maxLen: number }) {
	return createAdapter(client, {
		streamName: `${opts.prefix}socket.io`,
		channelPrefix: `${opts.prefix}socket.io`,
		maxLen: opts.maxLen,
		onlyPlaintext: true
	});
}
