// Who is on duty and where they last were, kept in memory for the control room's fan-out and
// snapshot; rebuilt from the database at start, so a restart loses nothing.
import type { FleetOfficer, StoredFix } from '../../realtime/contract.ts';
import type { Bus } from '../bus.ts';
import { latestFixes } from '../db/queries/fixes.ts';
import { listOnDuty } from '../db/queries/duty.ts';
import type { Db } from '../db/schema.ts';

export type { FleetOfficer } from '../../realtime/contract.ts';

const SNAPSHOT_LOOKBACK_MS = 12 * 3600_000;

export class LiveFleet {
	private officers = new Map<number, FleetOfficer>();
	private readonly deps: { db: Db; bus: Bus; now: () => number };

	private readonly unsubscribe: (() => void)[];

	constructor(deps: { db: Db; bus: Bus; now: () => number }) {
		this.deps = deps;
		this.unsubscribe = [
			deps.bus.subscribe('officer:mode', ({ officer, mode }) => {
				const o = this.officers.get(officer);
				if (!o) return;
				o.mode = mode;
				if (o.last) o.last.mode = mode;
			}),
			// another node put an officer on or off duty: its own control-room emit has gone out already
			deps.bus.subscribe('duty:changed', ({ officer, callsign, onDuty, at }, { remote }) => {
				if (remote) this.setDuty(officer, callsign, onDuty, at, { silent: true });
			})
		];
	}

	async load(): Promise<void> {
		const onDuty = await listOnDuty(this.deps.db);
		const last = await latestFixes(this.deps.db, this.deps.now() - SNAPSHOT_LOOKBACK_MS, onDuty.map((o) => o.id));
		const byOfficer = new Map(last.map((f) => [f.officer_id, f]));
		this.officers.clear();
		for (const o of onDuty) {
			const f = byOfficer.get(o.id);
			this.officers.set(o.id, {
				officer: o.id,
				callsign: o.callsign,
				onDutySince: o.since,
				mode: 'unknown',
				last: f
					? { officer: o.id, callsign: o.callsign, fixId: f.id, t: f.t, lat: f.lat, lon: f.lon, accuracy: f.accuracy, mode: 'unknown' }
					: null
			});
		}
	}

	setDuty(officer: number, callsign: string, onDuty: boolean, at: number, opts: { silent?: boolean } = {}): void {
		if (onDuty) {
			if (!this.officers.has(officer)) this.officers.set(officer, { officer, callsign, onDutySince: at, last: null, mode: 'unknown' });
		} else {
			this.officers.delete(officer);
		}
		if (!opts.silent) this.deps.bus.publish('officers:status', [{ officer, callsign, onDuty }]);
	}

	/**
	 * Fixes stored on this node move the officer on the control room's map; with `silent`, fixes
	 * another node stored (and already fanned out) only keep this node's picture current.
	 */
	onStored(fixes: StoredFix[], opts: { silent?: boolean } = {}): void {
		for (const f of fixes) {
			if (f.quality !== 'ok') continue;
			const o = this.officers.get(f.officerId);
			if (!o) continue;
			if (o.last && o.last.t >= f.t) continue;
			o.last = {
				officer: f.officerId,
				callsign: o.callsign,
				fixId: f.id,
				t: f.t,
				lat: f.lat,
				lon: f.lon,
				accuracy: f.accuracy,
				mode: o.mode
			};
			if (!opts.silent) this.deps.bus.publish('officer:moved', o.last);
		}
	}

	list(): FleetOfficer[] {
		return [...this.officers.values()];
	}

	get(officer: number): FleetOfficer | undefined {
		return this.officers.get(officer);
	}

	close(): void {
		for (const u of this.unsubscribe) u();
		this.officers.clear();
	}
}
