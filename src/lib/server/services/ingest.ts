// Position ingest: validate, group-commit, ack after commit, then publish one `fixes:stored`.
// Many sockets' reports that arrive together are written in one transaction (one fsync on
// SQLite), which is what keeps the ack p99 low at thousands of fixes a second. What happens to
// the stored fixes next (presence, the live fleet, other nodes) is the fix router's business
// (cluster/router.ts); docs/architecture.md follows one fix through.
import { fixQuality, parseFix, type Fix, type FixQuality } from '../../domain/presence/fix.ts';
import type { ReportAck, ReportResult, StoredFix } from '../../realtime/contract.ts';
import { onDutySet } from '../db/queries/duty.ts';
import { fixOwners, insertFixes, type FixRow } from '../db/queries/fixes.ts';
import { inTransaction } from '../db/transaction.ts';
import type { BusDeps } from './deps.ts';

export const MAX_FIXES_PER_REPORT = 500;

interface Pending {
	officerId: number;
	source: string;
	fixes: Fix[];
	result: ReportResult;
	resolve: (r: ReportAck) => void;
}

export class FixIngest {
	private queue: Pending[] = [];
	private flushing = false;
	private scheduled = false;
	private lastUsable = new Map<number, Fix>();
	private readonly deps: BusDeps;
	private closed = false;

	constructor(deps: BusDeps) {
		this.deps = deps;
	}

	report(officerId: number, payload: unknown, source = 'web'): Promise<ReportAck> {
		if (this.closed) return Promise.resolve({ ok: false, error: 'server is shutting down; retry' });
		const list = Array.isArray(payload) ? payload : [payload];
		if (payload === null || typeof payload !== 'object') {
			return Promise.resolve({ ok: false, error: 'payload must be a fix object or an array of fixes' });
		}
		if (list.length === 0) return Promise.resolve({ ok: true, accepted: [], duplicates: [], rejected: [] });
		if (list.length > MAX_FIXES_PER_REPORT) {
			return Promise.resolve({ ok: false, error: `at most ${MAX_FIXES_PER_REPORT} fixes per report, got ${list.length}` });
		}
		const result: ReportResult = { accepted: [], duplicates: [], rejected: [] };
		const fixes: Fix[] = [];
		const seen = new Set<string>();
		for (const raw of list) {
			const c = parseFix(raw);
			if (!c.ok) {
				const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
				result.rejected.push({ id, error: c.error });
			} else if (seen.has(c.fix.id)) {
				result.duplicates.push(c.fix.id);
			} else {
				seen.add(c.fix.id);
				fixes.push(c.fix);
			}
		}
		if (fixes.length === 0) {
			if (result.rejected.length > 0 && result.duplicates.length === 0 && list.length === 1 && !Array.isArray(payload)) {
				return Promise.resolve({ ok: false, error: result.rejected[0].error });
			}
			return Promise.resolve({ ok: true, ...result });
		}
		return new Promise((resolve) => {
			this.queue.push({ officerId, source, fixes, result, resolve });
			this.schedule();
		});
	}

	/** Resolves once everything queued so far is committed and acked. */
	async drain(): Promise<void> {
		while (this.queue.length > 0 || this.flushing) await new Promise((r) => setTimeout(r, 2));
	}

	async close(): Promise<void> {
		this.closed = true;
		await this.drain();
	}

	private schedule(): void {
		if (this.scheduled || this.flushing) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			void this.flush();
		});
	}

	private async flush(): Promise<void> {
		if (this.flushing || this.queue.length === 0) return;
		this.flushing = true;
		const batch = this.queue;
		this.queue = [];
		try {
			const stored = await this.write(batch);
			for (const p of batch) p.resolve({ ok: true, ...p.result });
			// after the acks: whatever a subscriber does, the phones have their answer
			if (stored.length > 0) this.deps.bus.publish('fixes:stored', stored);
		} catch (e) {
			console.error('ingest: batch failed; not acknowledged', e);
			for (const p of batch) p.resolve({ ok: false, error: 'could not store the fixes; retry' });
		} finally {
			this.flushing = false;
			if (this.queue.length > 0) this.schedule();
		}
	}

	private async write(batch: Pending[]): Promise<StoredFix[]> {
		const now = this.deps.now();
		const officers = [...new Set(batch.map((p) => p.officerId))];
		const stored: StoredFix[] = [];
		await inTransaction(this.deps.db, async (tx) => {
			const onDuty = await onDutySet(tx, officers);
			const lastUsable = new Map(this.lastUsable);
			// One row per id: the first report in the batch to carry an id claims it. Two rows with
			// one id would make ON CONFLICT DO NOTHING insert one and return its id once, and both
			// senders would read that as theirs (issue 13: an acked fix lost).
			const claims = new Map<string, { pending: Pending; fix: StoredFix }>();
			const rows: FixRow[] = [];
			for (const p of batch) {
				if (!onDuty.has(p.officerId)) {
					for (const f of p.fixes) p.result.rejected.push({ id: f.id, error: 'off duty: positions are only stored while on duty' });
					continue;
				}
				for (const f of [...p.fixes].sort((a, b) => a.t - b.t)) {
					if (claims.has(f.id)) continue;
					const prev = lastUsable.get(p.officerId);
					const quality = fixQuality(f, now, prev);
					if (quality === 'ok' && (!prev || f.t >= prev.t)) lastUsable.set(p.officerId, f);
					claims.set(f.id, { pending: p, fix: { ...f, officerId: p.officerId, quality, receivedAt: now, source: p.source } });
					rows.push(toRow(f, p, quality, now));
				}
			}
			const inserted = rows.length > 0 ? await insertFixes(tx, rows) : new Set<string>();
			const notInserted = rows.filter((r) => !inserted.has(r.id)).map((r) => r.id);
			const earlier = notInserted.length > 0 ? await fixOwners(tx, notInserted) : new Map<string, number>();
			// whose row each id is now: ours if this batch inserted it, else whoever stored it before
			const ownerOf = (id: string) => (inserted.has(id) ? claims.get(id)!.pending.officerId : earlier.get(id));
			for (const p of batch) {
				if (!onDuty.has(p.officerId)) continue;
				for (const f of p.fixes) {
					// report() already dropped repeats within one report, so (p, id) comes once
					const claim = claims.get(f.id)!;
					if (ownerOf(f.id) !== p.officerId) p.result.rejected.push({ id: f.id, error: 'id: already used by another device' });
					else if (inserted.has(f.id) && claim.pending === p) {
						p.result.accepted.push(f.id);
						stored.push(claim.fix);
					} else p.result.duplicates.push(f.id);
				}
			}
			// only after the commit succeeds does memory move on
			this.pendingLastUsable = lastUsable;
		});
		if (this.pendingLastUsable) this.lastUsable = this.pendingLastUsable;
		this.pendingLastUsable = null;
		return stored;
	}

	private pendingLastUsable: Map<number, Fix> | null = null;
}

function toRow(f: Fix, p: Pending, quality: FixQuality, now: number): FixRow {
	return {
		id: f.id,
		officer_id: p.officerId,
		t: f.t,
		received_at: now,
		lat: f.lat,
		lon: f.lon,
		accuracy: f.accuracy,
		speed: f.speed ?? null,
		heading: f.heading ?? null,
		quality,
		source: p.source
	};
}
