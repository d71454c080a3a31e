// The two readers of the Redis streams, each a loop until its node stops. Every node tails both
// streams (other nodes' fixes for its fleet, their events for its bus); the presence leader also
// reads the `fixes` stream through the consumer group, so each entry is applied by one node and
// acknowledged only once applied.
import type { StoredFix } from '../../realtime/contract.ts';
import { decodeFixes } from './fix-codec.ts';
import { sleep, type Redis } from './redis-client.ts';

export const GROUP = 'presence';

type Entry = { id: string; message: Record<string, string> };
type Reply = { name: string; messages: Entry[] }[] | null;

interface Loop {
	redis: Redis;
	nodeId: string;
	stopped: () => boolean;
	/** a read failed: Redis is away (the cluster degrades) */
	failed: (reason: string) => void;
}

/** The consumer group, created with the stream if need be. */
export async function ensureGroup(redis: Redis, key: string): Promise<void> {
	try {
		await redis.xGroupCreate(key, GROUP, '$', { MKSTREAM: true });
	} catch (e) {
		if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
	}
}

/** Every node: entries other nodes wrote, from the moment this node started. */
export async function tailLoop(o: Loop & { keys: { fixes: string; events: string }; fixes: (f: StoredFix[]) => void; event: (name: string, json: string) => void }): Promise<void> {
	const last = { fixes: '$', events: '$' };
	while (!o.stopped()) {
		if (!o.redis.isReady) {
			await sleep(250);
			continue;
		}
		try {
			const reply = (await o.redis.xRead(
				[
					{ key: o.keys.fixes, id: last.fixes },
					{ key: o.keys.events, id: last.events }
				],
				{ BLOCK: 1000, COUNT: 500 }
			)) as Reply;
			for (const stream of reply ?? []) {
				for (const m of stream.messages) {
					if (stream.name === o.keys.fixes) {
						last.fixes = m.id;
						if (m.message.n !== o.nodeId) o.fixes(decodeFixes(m.message.f));
					} else {
						last.events = m.id;
						if (m.message.n !== o.nodeId) o.event(m.message.e, m.message.p);
					}
				}
			}
		} catch (e) {
			if (!o.stopped()) {
				o.failed(`Redis read failed: ${(e as Error).message}`);
				await sleep(250);
			}
		}
	}
}

/** The leader only: every node's fixes through the consumer group, acked once `apply` resolves. */
export async function groupLoop(o: Loop & { key: string; leading: () => boolean; apply: (f: StoredFix[]) => Promise<void> }): Promise<void> {
	let claimed = false;
	while (!o.stopped()) {
		if (!o.leading() || !o.redis.isReady) {
			claimed = false;
			await sleep(200);
			continue;
		}
		try {
			let entries: Entry[] = [];
			if (!claimed) {
				// what a dead leader was given but never acknowledged
				const r = await o.redis.xAutoClaim(o.key, GROUP, o.nodeId, 0, '0-0', { COUNT: 1000 });
				entries = r.messages.filter((m): m is Entry => m !== null);
				if (r.nextId === '0-0' || entries.length === 0) claimed = true;
			}
			if (entries.length === 0) {
				const reply = (await o.redis.xReadGroup(GROUP, o.nodeId, { key: o.key, id: '>' }, { BLOCK: 1000, COUNT: 1000 })) as Reply;
				entries = reply?.[0]?.messages ?? [];
			}
			if (entries.length === 0) continue;
			await o.apply(entries.flatMap((m) => decodeFixes(m.message.f)));
			await o.redis.xAck(
				o.key,
				GROUP,
				entries.map((m) => m.id)
			);
		} catch (e) {
			if (!o.stopped()) {
				o.failed(`Redis group read failed: ${(e as Error).message}`);
				await sleep(250);
			}
		}
	}
}
