// What this node appends to the Redis streams. While Redis is away entries wait here, bounded:
// past OUTBOX_MAX fixes the oldest go first — they are stored in the database, which engines
// rebuild from — and are written in order once Redis answers again.
import type { Redis } from './redis-client.ts';

const OUTBOX_MAX = 100_000;

/** a stream entry; `c` is the number of fixes it carries, `k` (queued only) its stream */
type Message = Record<string, string>;

export class StreamOutbox {
	private readonly redis: Redis;
	private readonly maxLen: number;
	private readonly failed: (reason: string) => void;
	private queued: Message[] = [];
	/** fixes sent and not yet written to Redis (queued or in flight) */
	fixes = 0;

	constructor(redis: Redis, maxLen: number, failed: (reason: string) => void) {
		this.redis = redis;
		this.maxLen = maxLen;
		this.failed = failed;
	}

	get length(): number {
		return this.queued.length;
	}

	send(key: string, message: Message): void {
		if (message.c) this.fixes += Number(message.c);
		const entry = { ...message, k: key };
		if (!this.redis.isReady || this.queued.length > 0) {
			this.queue(entry);
			return;
		}
		this.append(key, message)
			.then(() => this.written(message))
			.catch((e: Error) => {
				this.queue(entry);
				this.failed(`Redis write failed: ${e.message}`);
			});
	}

	/** Writes what waits, in order, while Redis answers. */
	async drain(): Promise<void> {
		while (this.queued.length > 0 && this.redis.isReady) {
			const { k, ...message } = this.queued[0];
			try {
				await this.append(k, message);
			} catch {
				return;
			}
			this.queued.shift();
			this.written(message);
		}
	}

	private append(key: string, message: Message) {
		return this.redis.xAdd(key, '*', message, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.maxLen } });
	}

	private written(message: Message): void {
		if (message.c) this.fixes -= Number(message.c);
	}

	private queue(entry: Message): void {
		this.queued.push(entry);
		while (this.queued.length > 0 && this.fixes > OUTBOX_MAX) {
			const dropped = this.queued.shift()!;
			this.written(dropped);
		}
	}
}
