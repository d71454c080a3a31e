// The shell around the simulated officers (src/lib/domain/simulation/): one socket per officer,
// as phones have, a one-second clock, and "send me" answered by whoever runs it — the demo asks
// the real service, so the product's own pick is what sends them. A supervisor's tasking is
// accepted after a few seconds and followed.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { seededRandom } from '../domain/random.ts';
import { answerSendMe, assign, createOfficer, tick, type SimEvent, type SimOfficer } from '../domain/simulation/officer.ts';
import { startingPoint } from '../domain/simulation/shift.ts';
import type { StreetGraph } from '../domain/simulation/street-graph.ts';
import { prepareWorld, type SimHotspot, type SimWorld } from '../domain/simulation/world.ts';
import type { ClientToServer, ServerToClient } from '../realtime/contract.ts';

export interface SimOfficerLogin {
	callsign: string;
	token: string;
	/** the user id, for a "send me" answered in-process */
	id?: number;
}

export interface SimulationOptions {
	url: string;
	officers: SimOfficerLogin[];
	graph: StreetGraph;
	/** the live hot spots; asked again every minute, so a newly published set is patrolled */
	hotspots?: () => Promise<SimHotspot[]>;
	/** answers "send me" for an officer at a position: a hot spot id, or null when none needs a visit */
	sendMe?: (officer: SimOfficerLogin, at: { lat: number; lon: number }) => Promise<number | null>;
	/** share of officers in vehicles */
	vehicleShare?: number;
	/** seconds between fixes, instead of the web app's reporting policy */
	interval?: number;
	seed?: number;
	/** TLS without a trusted certificate (the demo's own, self-signed) */
	selfSigned?: boolean;
	log?: (msg: string) => void;
}

export interface Simulation {
	stop(): Promise<void>;
	stats(): { sent: number; acked: number; errors: number };
}

export async function startSimulation(opts: SimulationOptions): Promise<Simulation> {
	const seed = opts.seed ?? 1;
	const stats = { sent: 0, acked: 0, errors: 0 };
	let world: SimWorld = prepareWorld(opts.graph, (await opts.hotspots?.()) ?? []);
	const now = Date.now();
	const officers: { login: SimOfficerLogin; sim: SimOfficer; socket: Socket<ServerToClient, ClientToServer> }[] = [];
	for (const [i, login] of opts.officers.entries()) {
		const random = seededRandom(seed * 7919 + i + 1);
		const vehicle = i < Math.round(opts.officers.length * (opts.vehicleShare ?? 0.25));
		const sim = createOfficer({ mode: vehicle ? 'vehicle' : 'foot', at: startingPoint(world, random), onAt: now, punctual: true, random, fixEveryMs: opts.interval ? opts.interval * 1000 : null });
		const socket: Socket<ServerToClient, ClientToServer> = io(opts.url, {
			path: '/socket.io',
			transports: ['websocket'],
			auth: { token: login.token },
			reconnectionDelayMax: 5000,
			rejectUnauthorized: !opts.selfSigned
		});
		const entry = { login, sim, socket };
		officers.push(entry);
		socket.on('connect', () => {
			if (sim.onDuty) socket.emit('duty:set', { onDuty: true }, (r) => r.ok || opts.log?.(`${login.callsign}: ${r.error}`));
		});
		socket.on('connect_error', (e) => {
			stats.errors++;
			opts.log?.(`${login.callsign}: ${e.message}`);
		});
		socket.on('tasking:created', (t) => {
			if (t.kind !== 'supervisor' || t.status !== 'offered') return;
			setTimeout(() => {
				socket.emit('tasking:respond', { id: t.id, accept: true }, (r) => {
					if (r.ok) assign(sim, world, t.hotspot);
					else opts.log?.(`${login.callsign}: ${r.error}`);
				});
			}, 3000 + random() * 12_000);
		});
	}
	const act = (o: (typeof officers)[number], e: SimEvent) => {
		if (e.kind === 'duty') o.socket.emit('duty:set', { onDuty: e.onDuty }, (r) => r.ok || opts.log?.(`${o.login.callsign}: ${r.error}`));
		else if (e.kind === 'fix') {
			// a phone out of touch loses the fix here; the presence engine sees a silence
			if (!o.socket.connected) return;
			stats.sent++;
			o.socket.emit('position:report', { id: randomUUID(), t: e.t, lat: e.lat, lon: e.lon, accuracy: e.accuracy, speed: null }, (r) => {
				if (r.ok && r.accepted.length) stats.acked++;
				else stats.errors++;
			});
		} else if (e.kind === 'activity') {
			o.socket.emit('activity:report', { id: randomUUID(), t: e.t, kind: e.activity, hotspot: e.hotspot }, (r) => r.ok || opts.log?.(`${o.login.callsign}: ${r.error}`));
		} else if (e.kind === 'send-me') {
			const ask = opts.sendMe ? opts.sendMe(o.login, { lat: e.lat, lon: e.lon }) : Promise.resolve(null);
			ask.then(
				(hotspot) => answerSendMe(o.sim, world, hotspot),
				(err: unknown) => {
					opts.log?.(`${o.login.callsign}: send me failed: ${err instanceof Error ? err.message : String(err)}`);
					answerSendMe(o.sim, world, null);
				}
			);
		}
	};
	const clock = setInterval(() => {
		const t = Date.now();
		for (const o of officers) for (const e of tick(o.sim, world, t)) act(o, e);
	}, 1000);
	let known = world.hotspots.map((h) => h.id).join();
	const refresh = opts.hotspots
		? setInterval(() => {
				opts.hotspots!().then(
					(h) => {
						if (h.map((x) => x.id).join() !== known) (world = prepareWorld(opts.graph, h)), (known = h.map((x) => x.id).join());
					},
					(err: unknown) => opts.log?.(`simulation: could not read the hot spots: ${err instanceof Error ? err.message : String(err)}`)
				);
			}, 60_000)
		: undefined;
	return {
		stats: () => ({ ...stats }),
		async stop() {
			clearInterval(clock);
			clearInterval(refresh);
			for (const o of officers) o.socket.disconnect();
		}
	};
}
