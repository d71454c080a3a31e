// The Redis connections of the cluster link: each fails fast while Redis is away (unless told to
// queue), and reconnects by itself, backing off to at most 2 s.
import { createClient } from 'redis';

export function redisClient(url: string, name: string, offlineQueue: boolean) {
	return createClient({
		url,
		name: `hotspot-patrol:${name}`,
		disableOfflineQueue: !offlineQueue,
		socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) }
	});
}

export type Redis = ReturnType<typeof redisClient>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
