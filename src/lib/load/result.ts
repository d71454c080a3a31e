// What a load run found: one JSON object for programs (the bench reads the last line) and a few
// lines for people.
import type { LatencyHistogram } from './stats.ts';

export interface Tally {
	connect: number;
	ackNotOk: number;
	timeouts: number;
	rejected: number;
	disconnects: number;
	offDuty: number;
	samples: Map<string, number>;
}

export interface LoadResult {
	officers: number;
	officersReady: number;
	nodes: number;
	hz: number;
	seconds: number;
	connectSeconds: number;
	sent: number;
	/** accepted + duplicates: fixes the server says it has stored */
	acked: number;
	accepted: number;
	duplicates: number;
	rejected: number;
	resends: number;
	/** sent and never acknowledged as stored by the end of the drain */
	lost: number;
	offeredPerSecond: number;
	/** acked over the time from the first send to the last ack (at least the sending time) */
	acceptedPerSecond: number;
	ackP50: number | null;
	ackP95: number | null;
	ackP99: number | null;
	ackMax: number | null;
	fanoutP50: number | null;
	fanoutP95: number | null;
	fanoutP99: number | null;
	fanoutMax: number | null;
	/** share of acked fixes the control room saw; null without a control room */
	fanoutSeen: number | null;
	errors: number;
	errorsBy: Omit<Tally, 'samples'>;
	errorSamples: { message: string; count: number }[];
	/** the generator's own health: a late timer or a busy core means the figures include it */
	maxTickLagMs: number;
	clientCpuPercent: number;
	missingInDb: number | null;
}

export function summarise(r: {
	officers: number;
	officersReady: number;
	nodes: number;
	hz: number;
	seconds: number;
	runSeconds: number;
	connectSeconds: number;
	counts: { sent: number; accepted: number; duplicates: number; rejected: number; resends: number; maxTickLagMs: number };
	unsettled: number;
	ack: LatencyHistogram;
	fanout: LatencyHistogram | null;
	tally: Tally;
	clientCpuPercent: number;
}): LoadResult {
	const { samples, ...errorsBy } = r.tally;
	const acked = r.counts.accepted + r.counts.duplicates;
	const a = r.ack.summary();
	const f = r.fanout?.summary();
	return {
		officers: r.officers,
		officersReady: r.officersReady,
		nodes: r.nodes,
		hz: r.hz,
		seconds: round(r.seconds, 1),
		connectSeconds: round(r.connectSeconds, 1),
		sent: r.counts.sent,
		acked,
		accepted: r.counts.accepted,
		duplicates: r.counts.duplicates,
		rejected: r.counts.rejected,
		resends: r.counts.resends,
		lost: r.counts.sent - acked,
		offeredPerSecond: round(r.counts.sent / Math.max(r.seconds, 1e-3), 1),
		acceptedPerSecond: round(acked / Math.max(r.runSeconds, r.seconds, 1e-3), 1),
		ackP50: a.p50,
		ackP95: a.p95,
		ackP99: a.p99,
		ackMax: a.max,
		fanoutP50: f?.p50 ?? null,
		fanoutP95: f?.p95 ?? null,
		fanoutP99: f?.p99 ?? null,
		fanoutMax: f?.max ?? null,
		fanoutSeen: f ? round(acked ? f.count / acked : 0, 4) : null,
		errors: Object.values(errorsBy).reduce((s, n) => s + n, 0),
		errorsBy,
		errorSamples: [...samples].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([message, count]) => ({ message, count })),
		maxTickLagMs: round(r.counts.maxTickLagMs, 1),
		clientCpuPercent: round(r.clientCpuPercent, 0),
		missingInDb: null
	};
}

function round(x: number, digits: number): number {
	const k = 10 ** digits;
	return Math.round(x * k) / k;
}

const n = (x: number) => x.toLocaleString('en-GB');
const ms = (x: number | null) => (x === null ? '–' : `${x} ms`);

export function describe(r: LoadResult): string[] {
	const lines = [
		`load: ${n(r.officersReady)} of ${n(r.officers)} officers on duty on ${r.nodes} node${r.nodes === 1 ? '' : 's'} (connected in ${r.connectSeconds} s), ${r.hz} Hz for ${r.seconds} s`,
		`load: sent ${n(r.sent)} fixes (${n(r.offeredPerSecond)}/s), acked ${n(r.acked)} (${n(r.duplicates)} as duplicates after a resend), ${n(r.acceptedPerSecond)}/s stored; lost ${n(r.lost)}; ${n(r.resends)} resends`,
		`load: ack p50 ${ms(r.ackP50)}, p95 ${ms(r.ackP95)}, p99 ${ms(r.ackP99)}, max ${ms(r.ackMax)}`,
		r.fanoutSeen === null
			? 'load: fix → control room not measured (no --control-token)'
			: `load: fix → control room p50 ${ms(r.fanoutP50)}, p99 ${ms(r.fanoutP99)}, max ${ms(r.fanoutMax)}; saw ${(r.fanoutSeen * 100).toFixed(1)} % of acked fixes`,
		`load: errors ${n(r.errors)}${r.errors ? ` (${Object.entries(r.errorsBy).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${n(v)}`).join(', ')})` : ''}`,
		...r.errorSamples.map((e) => `load:   ${n(e.count)} × ${e.message}`),
		`load: generator timer late by at most ${r.maxTickLagMs} ms, ${r.clientCpuPercent} % of a core`
	];
	if (r.missingInDb !== null) lines.push(`load: ${n(r.missingInDb)} acked fixes missing from the database`);
	return lines;
}
