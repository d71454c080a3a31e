// How often the phone reports (docs/protocol.md, What a device should send): on patrol each new
// position at most once a second with a heartbeat at least every 10 s, at least every 5 s within
// 200 m of a live hot spot (Avon & Somerset radios report every 5 s; police AVL every 10–15 s); on
// duty but off patrol every 30–60 s, so the control room still knows who is near; nothing at all
// off duty.

export interface ReportingState {
	onDuty: boolean;
	patrolling: boolean;
	/** metres to the nearest live hot spot, null when unknown */
	nearestLiveMetres: number | null;
}

export interface ReportingPolicy {
	/** never send two fixes closer together than this */
	minIntervalMs: number;
	/** ask for a fresh position at least this often, even when standing still */
	heartbeatMs: number;
}

export function reportingPolicy(s: ReportingState): ReportingPolicy | null {
	if (!s.onDuty) return null;
	if (s.patrolling) {
		const near = s.nearestLiveMetres !== null && s.nearestLiveMetres <= 200;
		return { minIntervalMs: 1000, heartbeatMs: near ? 5000 : 10_000 };
	}
	return { minIntervalMs: 30_000, heartbeatMs: 60_000 };
}
