// Who is on duty and where they last were, kept in memory for the control room's fan-out and
// snapshot; rebuilt from the database at start, so a restart loses nothing.
import type { Mode, OfficerMove } from '../../realtime/contract.ts';
import type { Bus } from '../bus.ts';
import { latestFixes } from '../db/queries/fixes.ts';
import { listOnDuty } from '../db/queries/duty.ts';
import type { Db } from '../db/schema.ts';
import type { StoredFix } from './ingest.ts';

export interface FleetOfficer {
	officer: number;
	callsign: string;
	onDutySince: number;
	last: OfficerMove | null;
}

const SNAPSHOT_LOOKBACK_MS = 12 * 3600_000;

export class LiveFleet {
	private officers = new Map<number, FleetOfficer>();
	private readonly deps: { db: Db; bus: Bus; now: () => number };
	modeOf: (officer: number) => Mode = () => 'unknown';

	constructor(deps: { db: Db; bus: Bus; now: () => number }) {
		this.deps = deps;
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
				last: f
					? { officer: o.id, callsign: o.callsign, fixId: f.id, t: f.t, lat: f.lat, lon: f.lon, accuracy: f.accuracy, mode: 'unknown' }
					: null
			});
		}
	}

	setDuty(officer: number, callsign: string, onDuty: boolean, at: number): void {
		if (onDuty) {
			if (!this.officers.has(officer)) this.officers.set(officer, { officer, callsign, onDutySince: at, last: null });
		} else {
			this.officers.delete(officer);
		}
		this.deps.bus.publish('officers:status', [{ officer, callsign, onDuty }]);
	}

	onStored(fixes: StoredFix[]): void {
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
				mode: this.modeOf(f.officerId)
			};
			this.deps.bus.publish('officer:moved', o.last);
		}
	}

	list(): FleetOfficer[] {
		return [...this.officers.values()];
	}

	get(officer: number): FleetOfficer | undefined {
		return this.officers.get(officer);
	}

	close(): void {
		this.officers.clear();
	}
}
