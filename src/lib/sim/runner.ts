// Drives simulated officers through the same socket protocol as phones.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { LonLat } from '../domain/geo/geo.ts';
import { seededRandom } from '../domain/random.ts';
import type { ClientToServer, ServerToClient } from '../realtime/contract.ts';
import { createAgent, noisy, step, type AgentState } from './agent.ts';
import type { StreetGraph } from './graph.ts';

export interface SimOfficer {
	callsign: string;
	token: string;
}

export interface SimulationOptions {
	url: string;
	officers: SimOfficer[];
	graph: StreetGraph;
	targets: LonLat[];
	/** share of officers in vehicles */
	vehicleShare?: number;
	/** seconds between fixes per officer */
	interval?: number;
	seed?: number;
	log?: (msg: string) => void;
}

export interface Simulation {
	stop(): Promise<void>;
	stats(): { sent: number; acked: number; errors: number };
}

export async function startSimulation(opts: SimulationOptions): Promise<Simulation> {
	const random = seededRandom(opts.seed ?? 1);
	const interval = (opts.interval ?? 2) * 1000;
	const stats = { sent: 0, acked: 0, errors: 0 };
	const agents: {
		socket: Socket<ServerToClient, ClientToServer>;
		agent: AgentState;
		start?: ReturnType<typeof setTimeout>;
		timer?: ReturnType<typeof setInterval>;
		last: number;
	}[] = [];
	for (const [i, o] of opts.officers.entries()) {
		const vehicle = i < Math.round(opts.officers.length * (opts.vehicleShare ?? 0.25));
		const socket: Socket<ServerToClient, ClientToServer> = io(opts.url, {
			path: '/socket.io',
			transports: ['websocket'],
			auth: { token: o.token },
			reconnectionDelayMax: 5000
		});
		const entry: (typeof agents)[number] = { socket, agent: createAgent(opts.graph, vehicle ? 'vehicle' : 'foot', random, opts.targets), last: Date.now() };
		agents.push(entry);
		socket.on('connect', () => {
			socket.emit('duty:set', { onDuty: true }, (r) => {
				if (!r.ok) opts.log?.(`${o.callsign}: ${r.error}`);
			});
		});
		socket.on('connect_error', (e) => {
			stats.errors++;
			opts.log?.(`${o.callsign}: ${e.message}`);
		});
		// stagger officers across the interval, as real phones are
		entry.start = setTimeout(() => {
			entry.timer = setInterval(() => {
				const now = Date.now();
				step(opts.graph, entry.agent, (now - entry.last) / 1000, now, opts.targets, random);
				entry.last = now;
				if (!socket.connected) return;
				const accuracy = 4 + random() * 8;
				const [lon, lat] = noisy(entry.agent.at, accuracy / 2, random);
				stats.sent++;
				socket.emit(
					'position:report',
					{ id: randomUUID(), t: now, lat, lon, accuracy: Math.round(accuracy * 10) / 10, speed: null },
					(r) => {
						if (r.ok && r.accepted.length) stats.acked++;
						else stats.errors++;
					}
				);
			}, interval);
		}, random() * interval);
	}
	return {
		stats: () => ({ ...stats }),
		async stop() {
			for (const a of agents) {
				clearTimeout(a.start);
				clearInterval(a.timer);
				a.socket.disconnect();
			}
		}
	};
}
