// The presence lease: one key in Redis naming the node that runs presence, taken with SET NX PX
// and renewed (only by its holder, in one Lua step) well before it lapses. A node that dies stops
// renewing, and another takes the lease once it has lapsed.
import type { Redis } from './redis-client.ts';

const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export class Lease {
	/** whether this node held the lease at the last contest */
	held = false;
	private readonly redis: Redis;
	private readonly key: string;
	private readonly holder: string;
	private readonly ms: number;

	constructor(redis: Redis, key: string, holder: string, ms: number) {
		this.redis = redis;
		this.key = key;
		this.holder = holder;
		this.ms = ms;
	}

	/** Renews the lease if held, else tries to take it; says whether this node holds it now. Redis errors throw. */
	async contest(): Promise<boolean> {
		if (this.held) {
			const renewed = await this.redis.eval(RENEW, { keys: [this.key], arguments: [this.holder, String(this.ms)] });
			this.held = Number(renewed) === 1;
			return this.held;
		}
		const won = await this.redis.set(this.key, this.holder, { condition: 'NX', expiration: { type: 'PX', value: this.ms } });
		this.held = won === 'OK';
		return this.held;
	}

	/** Redis is away: stop counting on the lease (it lapses by itself). */
	drop(): void {
		this.held = false;
	}

	/** Hands the lease over at once rather than after it lapses. */
	async release(): Promise<void> {
		if (!this.held || !this.redis.isReady) return;
		this.held = false;
		await this.redis.eval(RELEASE, { keys: [this.key], arguments: [this.holder] }).catch(() => {});
	}
}
