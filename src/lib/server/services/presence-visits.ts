// Visits the engines produced, held until the next write: at most once a second, one transaction
// of upserts and deletes (docs/presence.md, The presence service). A visit's id is
// officer:hotspot:start, so a visit computed again overwrites itself.
import type { VisitRecord } from '../../domain/presence/types.ts';
import { deleteVisits, upsertVisits, visitId, visitsBetween, type StoredVisit } from '../db/queries/visits.ts';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';

export class PendingVisits {
	private readonly deps: { db: Db; now: () => number };
	private dirty = new Map<string, StoredVisit>();
	private removed = new Set<string>();

	constructor(deps: { db: Db; now: () => number }) {
		this.deps = deps;
	}

	/** An engine's visit as it will be stored. */
	store(officer: number, v: VisitRecord): StoredVisit {
		const hotspot = Number(v.hotspot);
		const stored: StoredVisit = {
			id: visitId(officer, hotspot, v.start),
			officer,
			hotspot,
			start: v.start,
			end: v.end,
			minutes: v.minutes,
			unknownMinutes: v.unknownMinutes,
			mode: v.mode,
			stops: v.stops,
			dose: v.dose,
			open: v.open,
			inside: v.inside,
			unknown: v.unknown,
			modeMs: v.modeMs
		};
		this.removed.delete(stored.id);
		this.dirty.set(stored.id, stored);
		return stored;
	}

	/** A visit the engine took back (late fixes revised the officer's visits). */
	remove(officer: number, hotspot: number | string, start: number): void {
		const id = visitId(officer, hotspot, start);
		this.dirty.delete(id);
		this.removed.add(id);
	}

	/** Every visit of the officer starting at `since` or later, stored or pending, is to go: it is computed again. */
	async removeSince(officer: number, since: number): Promise<void> {
		for (const v of await visitsBetween(this.deps.db, since, Number.MAX_SAFE_INTEGER, { officer })) if (v.start >= since) this.removed.add(v.id);
		for (const [id, v] of this.dirty) {
			if (v.officer !== officer || v.start < since) continue;
			this.dirty.delete(id);
			this.removed.add(id);
		}
	}

	async flush(): Promise<void> {
		if (this.dirty.size === 0 && this.removed.size === 0) return;
		const upserts = [...this.dirty.values()];
		const deletes = [...this.removed];
		this.dirty.clear();
		this.removed.clear();
		await inTransaction(this.deps.db, async (tx) => {
			await deleteVisits(tx, deletes);
			await upsertVisits(tx, upserts, this.deps.now());
		});
	}
}
