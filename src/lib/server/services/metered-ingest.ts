// The ingest as the composition root hands it out: every report's answer and how long it took
// are counted (hotspot_fixes_total, hotspot_ack_duration_seconds), whoever called it — a socket,
// Traccar Client or OwnTracks.
import type { Metrics } from '../metrics.ts';
import type { FixIngest } from './ingest.ts';

export function meterIngest(ingest: FixIngest, metrics: Metrics): FixIngest {
	const report = ingest.report.bind(ingest);
	ingest.report = async (officerId, payload, source) => {
		const start = performance.now();
		const ack = await report(officerId, payload, source);
		metrics.reported(payload, ack, (performance.now() - start) / 1000);
		return ack;
	};
	return ingest;
}
