// The load bench's baseline (c): a bare Socket.IO server that only acks and batches the fan-out —
// no auth lookup, no database, no presence engine — driven by the same load tool in the same run,
// so the real server's figures come with a ratio. Run as its own process by load.ts.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServer, OfficerMove, ServerToClient } from '../../src/lib/realtime/contract.ts';

/** The token the load tool's control room presents to the baseline. */
export const BASELINE_CONTROL = 'baseline-control-token';

/** The baseline: Socket.IO and nothing else — no auth lookup, no database, no presence engine. */
export function serveBaseline(port: number): void {
	const http = createServer((_req, res) => res.end('{"ok":true}'));
	const io = new Server<ClientToServer, ServerToClient>(http, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 256 * 1024 });
	let pending = new Map<number, OfficerMove>();
	let officers = 0;
	io.on('connection', (socket) => {
		if ((socket.handshake.auth as { token?: string }).token === BASELINE_CONTROL) return void socket.join('control');
		const officer = ++officers;
		const callsign = `B${officer}`;
		socket.on('duty:set', (req, ack) => ack({ ok: true, onDuty: req.onDuty }));
		socket.on('position:report', (payload, ack) => {
			const fixes = Array.isArray(payload) ? payload : [payload];
			for (const f of fixes) pending.set(officer, { officer, callsign, fixId: f.id, t: f.t, lat: f.lat, lon: f.lon, accuracy: f.accuracy, mode: 'foot' });
			ack({ ok: true, accepted: fixes.map((f) => f.id), duplicates: [], rejected: [] });
		});
	});
	setInterval(() => {
		if (pending.size === 0) return;
		const moves = [...pending.values()];
		pending = new Map();
		io.to('control').emit('officers:moved', moves);
	}, 100);
	http.listen(port, '127.0.0.1');
	process.on('SIGTERM', () => process.exit(0));
}

if (import.meta.url === `file://${process.argv[1]}`) serveBaseline(Number(process.env.PORT));
