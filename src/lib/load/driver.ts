// The load run: officers on duty, one fix per officer every 1/hz seconds at its own phase, each
// kept until the server acknowledges it as stored (resent after ok:false, a timeout or while
// disconnected, which the server's idempotence on id makes safe), and a supervisor's control
// room timing each fix's arrival in the fan-out. One 10 ms timer drives all of it.
import { randomUUID } from 'node:crypto';
import { seededRandom } from '../domain/random.ts';
import type { Ack, OfficerMove, ReportResult } from '../realtime/contract.ts';
import { connected, openSocket, pool, setDuty, type LoadSocket } from './fleet.ts';
import type { LoadOfficer } from './inputs.ts';
import { IN_FLIGHT, PendingFixes, SendTimes, SeqSet, TimedQueue, WAITING } from './pending.ts';
import { LatencyHistogram } from './stats.ts';
import { fixId, fixIdPrefix, fixSeq, Walkers } from './walk.ts';
import { summarise, type LoadResult, type Tally } from './result.ts';

export interface LoadOptions {
	/** officers are spread over these servers round-robin */
	urls: string[];
	officers: LoadOfficer[];
	hz: number;
	seconds: number;
	control?: { url: string; token: string };
	ackTimeoutMs?: number;
	drainMs?: number;
	retryDelayMs?: number;
	connectConcurrency?: number;
	connectTimeoutMs?: number;
	/** keep every acknowledged fix's number, for checking the database afterwards */
	keepAcked?: boolean;
	seed?: number;
	/** aborting stops sending early; the drain and the summary still happen */
	signal?: AbortSignal;
	log?: (msg: string) => void;
}

const TICK_MS = 10;

export async function runLoad(opts: LoadOptions): Promise<{ result: LoadResult; ackedSeqs: SeqSet | null; prefix: string }> {
	const log = opts.log ?? (() => {});
	const ackTimeoutMs = opts.ackTimeoutMs ?? 10_000;
	const retryDelayMs = opts.retryDelayMs ?? 1000;
	const tally: Tally = { connect: 0, ackNotOk: 0, timeouts: 0, rejected: 0, disconnects: 0, offDuty: 0, samples: new Map() };
	const note = (kind: Exclude<keyof Tally, 'samples'>, message: string) => {
		tally[kind]++;
		if (tally.samples.size < 20 || tally.samples.has(message)) tally.samples.set(message, (tally.samples.get(message) ?? 0) + 1);
	};
	const prefix = fixIdPrefix(randomUUID());

	// the control room first, so it sees every fix
	const fanout = opts.control ? new LatencyHistogram() : null;
	let control: LoadSocket | null = null;
	let sendTimes: SendTimes | null = null;
	if (opts.control) {
		control = openSocket(opts.control.url, opts.control.token);
		const error = await connected(control, 15_000);
		if (error) {
			control.disconnect();
			throw new Error(`control room at ${opts.control.url}: ${error}`);
		}
		// room for a minute's sends at full rate: a fan-out later than that counts as not seen
		sendTimes = new SendTimes(Math.ceil(opts.officers.length * opts.hz * 60));
		control.on('officers:moved', (moves: OfficerMove[]) => {
			const now = performance.now();
			for (let k = 0; k < moves.length; k++) {
				const s = fixSeq(prefix, moves[k].fixId);
				if (s < 0) continue;
				const at = sendTimes!.take(s);
				if (at >= 0) fanout!.record(now - at);
			}
		});
	}

	// officers: connect and go on duty; those that cannot are left out and counted
	const connectStart = performance.now();
	const sockets: LoadSocket[] = [];
	const ready: boolean[] = [];
	let connectedCount = 0;
	await pool(opts.officers.length, opts.connectConcurrency ?? 200, async (i) => {
		const socket = openSocket(opts.urls[i % opts.urls.length], opts.officers[i].token);
		sockets[i] = socket;
		const error = (await connected(socket, opts.connectTimeoutMs ?? 30_000)) ?? (await setDuty(socket, true, 30_000));
		ready[i] = error === null;
		if (error) {
			note('connect', `${error}`);
			socket.disconnect();
		}
		if (++connectedCount % 1000 === 0) log(`connected ${connectedCount.toLocaleString('en-GB')} of ${opts.officers.length.toLocaleString('en-GB')}`);
	});
	const live = sockets.filter((_, i) => ready[i]);
	const connectSeconds = (performance.now() - connectStart) / 1000;
	if (live.length === 0) {
		control?.disconnect();
		throw new Error(`no officer could connect and go on duty: ${[...tally.samples.keys()][0] ?? 'unknown reason'}`);
	}
	log(`${live.length.toLocaleString('en-GB')} officers on duty in ${connectSeconds.toFixed(1)} s; sending at ${opts.hz} Hz for ${opts.seconds} s`);
	let stopping = false;
	for (const s of live) {
		s.on('disconnect', (reason) => {
			if (stopping) return;
			note('disconnects', `disconnected: ${reason}`);
			// the server closed it on purpose; socket.io only reconnects by itself after a network drop
			if (reason === 'io server disconnect') s.connect();
		});
	}

	const n = live.length;
	const gapMs = 1000 / opts.hz / n;
	const stepS = 1 / opts.hz;
	const walkers = new Walkers(n, seededRandom(opts.seed ?? 1));
	const random = seededRandom((opts.seed ?? 1) + 1);
	const pending = new PendingFixes(Math.max(1024, Math.ceil(n * opts.hz)));
	const inFlight = new TimedQueue();
	const retries = new TimedQueue();
	const acked = opts.keepAcked ? new SeqSet() : null;
	const ack = new LatencyHistogram();
	const c = { sent: 0, accepted: 0, duplicates: 0, rejected: 0, resends: 0, lastAckAt: 0, maxTickLagMs: 0 };

	const settle = (slot: number, seq: number, r: Ack<ReportResult>) => {
		if (!pending.holds(slot, seq)) return; // a late answer to an attempt already settled
		const now = performance.now();
		if (!r || r.ok !== true) {
			note('ackNotOk', `ok:false: ${r?.error ?? 'no answer'}`);
			if (pending.state[slot] === IN_FLIGHT) {
				pending.state[slot] = WAITING;
				retries.push(slot, seq, now + retryDelayMs);
			}
			return;
		}
		if (r.accepted.length > 0) c.accepted++;
		else if (r.duplicates.length > 0) c.duplicates++;
		else {
			// stored never: off duty, malformed or an id clash; resending would not change that
			note('rejected', `rejected: ${r.rejected[0]?.error ?? 'no reason given'}`);
			c.rejected++;
			pending.release(slot);
			return;
		}
		ack.record(now - pending.firstAt[slot]);
		c.lastAckAt = now;
		acked?.add(seq);
		pending.release(slot);
	};

	const transmit = (slot: number, now: number) => {
		const seq = pending.seq[slot];
		const socket = live[seq % n];
		if (!socket.connected) {
			pending.state[slot] = WAITING;
			retries.push(slot, seq, now + retryDelayMs);
			return;
		}
		if (pending.attempts[slot]++ > 0) c.resends++;
		pending.state[slot] = IN_FLIGHT;
		pending.lastAt[slot] = now;
		inFlight.push(slot, seq, now);
		socket.emit(
			'position:report',
			{ id: fixId(prefix, seq), t: pending.t[slot], lat: pending.lat[slot], lon: pending.lon[slot], accuracy: pending.accuracy[slot], speed: pending.speed[slot] },
			(r) => settle(slot, seq, r)
		);
	};

	const start = performance.now();
	const cpuStart = process.cpuUsage();
	const total = Math.ceil(opts.seconds * opts.hz * n);
	let end = start + opts.seconds * 1000;
	let seq = 0;
	let lastTick = start;
	const onAbort = () => (end = Math.min(end, performance.now()));
	opts.signal?.addEventListener('abort', onAbort);

	const tick = () => {
		const now = performance.now();
		if (now - lastTick - TICK_MS > c.maxTickLagMs) c.maxTickLagMs = now - lastTick - TICK_MS;
		lastTick = now;
		const wall = Date.now();
		const due = Math.min(total, Math.floor((Math.min(now, end) - start) / gapMs) + 1);
		while (seq < due) {
			const i = seq % n;
			walkers.step(i, stepS);
			const at = performance.now();
			const slot = pending.add(
				seq,
				at,
				wall,
				Math.round(walkers.lat[i] * 1e6) / 1e6,
				Math.round(walkers.lon[i] * 1e6) / 1e6,
				Math.round((5 + random() * 5) * 10) / 10,
				Math.round(walkers.speed[i] * 10) / 10
			);
			sendTimes?.set(seq, at);
			c.sent++;
			transmit(slot, at);
			seq++;
		}
		while (inFlight.headAt + ackTimeoutMs <= now) {
			const slot = inFlight.headSlot;
			const s = inFlight.headSeq;
			const at = inFlight.headAt;
			inFlight.shift();
			if (pending.holds(slot, s) && pending.state[slot] === IN_FLIGHT && pending.lastAt[slot] === at) {
				note('timeouts', `no ack within ${ackTimeoutMs / 1000} s`);
				pending.state[slot] = WAITING;
				retries.push(slot, s, now + retryDelayMs);
			}
		}
		while (retries.headAt <= now) {
			const slot = retries.headSlot;
			const s = retries.headSeq;
			retries.shift();
			if (pending.holds(slot, s) && pending.state[slot] === WAITING) transmit(slot, performance.now());
		}
	};

	const progress = setInterval(() => {
		const s = ((performance.now() - start) / 1000).toFixed(0);
		log(`${s} s: sent ${c.sent}, acked ${c.accepted + c.duplicates}, unsettled ${pending.size}, errors ${errorCount(tally)}`);
	}, 5000);
	const timer = setInterval(tick, TICK_MS);
	try {
		await until(() => seq >= total || performance.now() >= end);
		const sendEnd = performance.now();
		log(`sending stopped; waiting up to ${(opts.drainMs ?? 15_000) / 1000} s for ${pending.size} unsettled fixes`);
		await until(() => pending.size === 0, opts.drainMs ?? 15_000);
		// the last fixes' fan-out is at most a batch (100 ms) behind their acks
		if (control) await new Promise((r) => setTimeout(r, 1000));
		const cpu = process.cpuUsage(cpuStart);
		const runMs = Math.max(sendEnd, c.lastAckAt) - start;
		clearInterval(timer);
		clearInterval(progress);
		stopping = true;
		await pool(n, opts.connectConcurrency ?? 200, async (i) => {
			const error = live[i].connected ? await setDuty(live[i], false, 10_000) : 'off duty: not connected';
			if (error) note('offDuty', error);
		});
		return {
			result: summarise({
				officers: opts.officers.length,
				officersReady: n,
				nodes: opts.urls.length,
				hz: opts.hz,
				seconds: (sendEnd - start) / 1000,
				runSeconds: runMs / 1000,
				connectSeconds,
				counts: c,
				unsettled: pending.size,
				ack,
				fanout,
				tally,
				clientCpuPercent: ((cpu.user + cpu.system) / 1000 / runMs) * 100
			}),
			ackedSeqs: acked,
			prefix
		};
	} finally {
		clearInterval(timer);
		clearInterval(progress);
		opts.signal?.removeEventListener('abort', onAbort);
		stopping = true;
		for (const s of sockets) s?.disconnect();
		control?.disconnect();
	}
}

function errorCount(t: Tally): number {
	return t.connect + t.ackNotOk + t.timeouts + t.rejected + t.disconnects + t.offDuty;
}

function until(done: () => boolean, timeoutMs = Infinity): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	return new Promise((resolve) => {
		const check = () => (done() || performance.now() >= deadline ? resolve() : setTimeout(check, 20));
		check();
	});
}
