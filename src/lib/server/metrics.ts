// Prometheus metrics (prom-client), one registry per App: the composition root feeds it from the
// ingest's acks, the stored fixes, the presence engine and the database driver; the realtime
// server reports what it sent to control rooms; gauges are read when /metrics is scraped.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Ack, OfficerMove, ReportResult, StoredFix } from '../realtime/contract.ts';

/** why a fix was refused, from the ack's reason: a short, fixed set of label values */
export function rejectionReason(error: string): string {
	if (error.startsWith('off duty')) return 'off_duty';
	if (error.startsWith('id: already used')) return 'id_taken';
	if (error.startsWith('server is shutting down')) return 'shutting_down';
	if (error.startsWith('could not store')) return 'store_failed';
	return 'invalid';
}

type Sockets = () => Iterable<{ data: { role: string } }>;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Metrics {
	readonly registry = new Registry();
	private readonly fixes: Counter<'outcome' | 'reason'>;
	private readonly ack: Histogram;
	private readonly fanout: Histogram;
	private readonly presenceLag: Histogram;
	private readonly transactions: Histogram<'outcome'>;
	/** the latest fix stored here per officer, until its move goes out to control rooms */
	private awaitingFanout = new Map<number, { fixId: string; at: number }>();
	private sockets: Sockets = () => [];

	constructor(opts: { defaults?: boolean } = {}) {
		const registers = [this.registry];
		this.fixes = new Counter({ name: 'hotspot_fixes_total', help: 'Fixes received, stored, duplicate, and rejected (by reason)', labelNames: ['outcome', 'reason'], registers });
		this.ack = new Histogram({ name: 'hotspot_ack_duration_seconds', help: 'From a position report arriving to its ack (after the commit)', buckets: LATENCY_BUCKETS, registers });
		this.fanout = new Histogram({ name: 'hotspot_fanout_duration_seconds', help: 'From a fix being stored to its move going out to control rooms', buckets: LATENCY_BUCKETS, registers });
		this.presenceLag = new Histogram({ name: 'hotspot_presence_lag_seconds', help: 'From a fix being stored to the presence engine applying it', buckets: LATENCY_BUCKETS, registers });
		this.transactions = new Histogram({ name: 'hotspot_db_transaction_duration_seconds', help: 'Database transactions, begin to commit or rollback', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers });
		const self = this;
		new Gauge({
			name: 'hotspot_sockets',
			help: 'Open sockets on this node by role',
			labelNames: ['role'],
			registers,
			collect() {
				this.reset();
				const count = new Map<string, number>();
				for (const s of self.sockets()) count.set(s.data.role, (count.get(s.data.role) ?? 0) + 1);
				for (const [role, n] of count) this.set({ role }, n);
			}
		});
		// event-loop lag, memory, CPU, handles: only where someone scrapes them (the monitors cost a little)
		if (opts.defaults) collectDefaultMetrics({ register: this.registry });
	}

	/** the ingest's answer to one position report, `seconds` after it arrived */
	reported(payload: unknown, ack: Ack<ReportResult>, seconds: number): void {
		const sent = Array.isArray(payload) ? payload.length : 1;
		this.fixes.inc({ outcome: 'received' }, sent);
		if (!ack.ok) {
			if (sent > 0) this.fixes.inc({ outcome: 'rejected', reason: rejectionReason(ack.error) }, sent);
		} else {
			if (ack.accepted.length) this.fixes.inc({ outcome: 'stored' }, ack.accepted.length);
			if (ack.duplicates.length) this.fixes.inc({ outcome: 'duplicate' }, ack.duplicates.length);
			for (const r of ack.rejected) this.fixes.inc({ outcome: 'rejected', reason: rejectionReason(r.error) });
		}
		this.ack.observe(seconds);
	}

	/** fixes this node committed, at the clock the services read */
	stored(fixes: readonly StoredFix[]): void {
		for (const f of fixes) this.awaitingFanout.set(f.officerId, { fixId: f.id, at: f.receivedAt });
	}

	/** moves emitted towards control rooms at `now` (the same clock as the fixes' receivedAt) */
	movesSent(moves: readonly OfficerMove[], now: number): void {
		for (const m of moves) {
			const w = this.awaitingFanout.get(m.officer);
			if (!w) continue;
			if (w.fixId === m.fixId) this.fanout.observe(Math.max(0, now - w.at) / 1000);
			this.awaitingFanout.delete(m.officer);
		}
	}

	presenceApplied(fixes: readonly StoredFix[], now: number): void {
		if (fixes.length === 0) return;
		let oldest = Infinity;
		for (const f of fixes) oldest = Math.min(oldest, f.receivedAt);
		this.presenceLag.observe(Math.max(0, now - oldest) / 1000);
	}

	transaction(seconds: number, outcome: 'commit' | 'rollback'): void {
		this.transactions.observe({ outcome }, seconds);
	}

	watchSockets(sockets: Sockets): void {
		this.sockets = sockets;
	}

	/** with REDIS_URL only: a node without Redis has no outbox to report */
	watchOutbox(depth: () => number): void {
		new Gauge({
			name: 'hotspot_redis_outbox_fixes',
			help: 'Fixes committed but not yet handed to Redis',
			registers: [this.registry],
			collect() {
				this.set(depth());
			}
		});
	}

	text(): Promise<string> {
		return this.registry.metrics();
	}

	get contentType(): string {
		return this.registry.contentType;
	}
}
