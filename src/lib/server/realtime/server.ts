// The realtime server: a factory over its dependencies, no module state. Attached to the same
// HTTP server as SvelteKit (one port, one process).
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
	MOVE_BATCH_MS,
	ROOMS,
	type ClientToServer,
	type OfficerMove,
	type ServerToClient,
	type SocketData
} from '../../realtime/contract.ts';
import type { App as AppContext } from '../app.ts';
import { userForSession, userForToken } from '../services/auth.ts';
import { checkCredentials } from '../services/live-credentials.ts';
import { setDuty } from '../services/duty.ts';
import { recordActivities } from '../services/activities.ts';
import { respondToTasking } from '../services/taskings.ts';
import { currentVisits } from '../services/visit-timer.ts';
import { RateLimiter } from '../security/rate-limit.ts';
import { SESSION_COOKIE, readCookie } from '../session-cookie.ts';
import { answerEvents, type GuardedSocket } from './guarded.ts';
import { originAllowed } from './origin.ts';

/** the control room calls a connection stale after three missed beats */
export const HEARTBEAT_MS = 5000;
/** how often live sockets are checked against their user, token and session */
export const REVOKE_SWEEP_MS = 2000;

async function sweepRevoked(io: RealtimeServer, ctx: AppContext): Promise<void> {
	const sockets = [...io.sockets.sockets.values()];
	if (sockets.length === 0) return;
	const holds = await checkCredentials(ctx, sockets.map((s) => s.data));
	for (const s of sockets) if (!holds(s.data)) s.disconnect(true);
}

export type RealtimeServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export interface RealtimeOptions {
	/** Origins a browser may open a socket from, besides the server's own host. */
	allowedOrigins?: string[];
	/** false in dev, so Vite's HMR WebSocket upgrade is left alone */
	destroyUpgrade?: boolean;
}

export function createRealtimeServer(httpServer: HttpServer, ctx: AppContext, opts: RealtimeOptions = {}) {
	const allowed = opts.allowedOrigins ?? [];
	const originOk = (req: IncomingMessage) => originAllowed(req, ctx.config.origin, allowed);
	const io: RealtimeServer = new Server(httpServer, {
		path: '/socket.io',
		serveClient: false,
		// a report carries at most 500 fixes of ~150 bytes
		maxHttpBufferSize: 256 * 1024,
		// Socket.IO's cors option does not cover WebSocket upgrades; check the Origin ourselves
		allowRequest: (req, cb) => (originOk(req) ? cb(null, true) : cb('origin not allowed', false)),
		destroyUpgrade: opts.destroyUpgrade ?? true
	});

	// emits reach every node's sockets (cluster/adapter.ts)
	if (ctx.cluster) io.adapter(ctx.cluster.socketAdapter());

	io.use(async (socket, next) => {
		try {
			const now = ctx.now();
			const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
			if (token !== undefined) {
				const user = await userForToken(ctx.db, token);
				if (!user) return next(new Error('unauthorized: invalid or revoked token'));
				socket.data = { userId: user.id, role: user.role, callsign: user.callsign, sessionId: null, tokenId: user.tokenId };
				return next();
			}
			if (!socket.handshake.headers.origin) return next(new Error('unauthorized: clients without an Origin need a token'));
			const cookie = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
			const user = await userForSession(ctx.db, cookie, now, {
				idleMinutes: ctx.config.sessionIdleMinutes,
				maxHours: ctx.config.sessionMaxHours
			});
			if (!user) return next(new Error('unauthorized: log in again'));
			socket.data = { userId: user.id, role: user.role, callsign: user.callsign, sessionId: user.sessionId, tokenId: null };
			next();
		} catch (e) {
			console.error('realtime: auth failed', e);
			next(new Error('unauthorized: could not check credentials'));
		}
	});

	// per user on this node: a phone sends one report a second; a flood is answered, not served
	const limiter = new RateLimiter(ctx.config.socketEventsPerSecond, 1000);
	io.on('connection', (socket: RealtimeSocket) => {
		const { role, userId } = socket.data;
		if (role === 'officer') {
			void socket.join(ROOMS.officer(userId));
			// the hello: a reloaded or reconnected phone shows the engine's current visit at once
			currentVisits(ctx, userId).then((v) => socket.emit('presence:current', v), (e) => console.error('realtime: current visits', e));
		}
		if (role === 'supervisor') void socket.join(ROOMS.control);
		registerHandlers(socket, ctx, limiter);
	});

	// merge moves per officer and flush at most every MOVE_BATCH_MS
	let pending = new Map<number, OfficerMove>();
	const unsubscribe = [
		ctx.bus.subscribe('officer:moved', (m) => pending.set(m.officer, m)),
		ctx.bus.subscribe('officers:status', (s) => io.to(ROOMS.control).emit('officers:status', s)),
		// forwarded statuses were emitted by the node that computed them, through the adapter
		ctx.bus.subscribe('hotspots:status', (s, { remote }) => !remote && io.to(ROOMS.control).emit('hotspots:status', s)),
		ctx.bus.subscribe('gap:opened', (g) => io.to(ROOMS.control).emit('gap:opened', g)),
		ctx.bus.subscribe('gap:closed', (g) => io.to(ROOMS.control).emit('gap:closed', g)),
		ctx.bus.subscribe('tasking:created', (t) => {
			io.to(ROOMS.officer(t.officer)).to(ROOMS.control).emit('tasking:created', t);
		}),
		ctx.bus.subscribe('tasking:updated', (t) => {
			io.to(ROOMS.officer(t.officer)).to(ROOMS.control).emit('tasking:updated', t);
		}),
		ctx.bus.subscribe('presence:update', ({ officer, update }) => io.to(ROOMS.officer(officer)).emit('presence:update', update)),
		ctx.bus.subscribe('user:revoked', ({ userId, sessionId }) => {
			for (const s of io.sockets.sockets.values()) {
				if (s.data.userId === userId && (!sessionId || s.data.sessionId === sessionId)) s.disconnect(true);
			}
		})
	];
	// Every few seconds, whatever way a user was cut off — disabled here or by the CLI, a token
	// revoked, a session logged out or past its absolute or idle limit, on this node or another —
	// their sockets close (docs/protocol.md, Socket authentication: within 5 s).
	const sweep = setInterval(() => void sweepRevoked(io, ctx).catch((e) => console.error('realtime: sweep failed', e)), REVOKE_SWEEP_MS);
	const timer = setInterval(() => {
		if (pending.size === 0) return;
		const moves = [...pending.values()];
		pending = new Map();
		io.to(ROOMS.control).emit('officers:moved', moves);
		ctx.metrics.movesSent(moves, ctx.now());
	}, MOVE_BATCH_MS);
	// local only: each node speaks for itself, so a degraded node is seen as such by its control rooms
	const heartbeat = setInterval(() => {
		const state = ctx.cluster?.state;
		io.local.to(ROOMS.control).emit('system:state', { degraded: state?.degraded ?? false, reason: state?.reason ?? null, at: ctx.now() });
	}, HEARTBEAT_MS);

	return {
		io,
		async close() {
			clearInterval(timer);
			clearInterval(heartbeat);
			clearInterval(sweep);
			for (const u of unsubscribe) u();
			await new Promise<void>((resolve) => io.close(() => resolve()));
		}
	};
}

/** The answer an event's ack callback receives, as the contract types it. */
type AckOf<E extends keyof ClientToServer> = Parameters<Parameters<ClientToServer[E]>[1]>[0];

function registerHandlers(socket: RealtimeSocket, ctx: AppContext, limiter: RateLimiter) {
	const { role, userId, callsign } = socket.data;
	// every client event is an officer's, and counts against the user's rate
	const admit = () => {
		if (role !== 'officer') return `forbidden: only officers send this (you are ${role})`;
		if (!limiter.take(`u${userId}`, Date.now())) return `rate limited: at most ${ctx.config.socketEventsPerSecond} events a second; retry shortly`;
		return null;
	};
	const handlers: { [E in keyof ClientToServer]: (payload: unknown) => Promise<AckOf<E>> } = {
		'position:report': (payload) => ctx.ingest.report(userId, payload, socket.data.tokenId ? 'device' : 'web'),
		'activity:report': (payload) => recordActivities(ctx, userId, payload),
		'duty:set': async (payload) => {
			const req = payload as { onDuty?: unknown } | null;
			if (!req || typeof req !== 'object' || typeof req.onDuty !== 'boolean') return { ok: false, error: 'onDuty: must be true or false' };
			return { ok: true, onDuty: await setDuty(ctx, { id: userId, callsign }, req.onDuty) };
		},
		'tasking:respond': async (payload) => {
			const req = payload as { id?: unknown; accept?: unknown } | null;
			if (!req || typeof req !== 'object' || typeof req.id !== 'string' || typeof req.accept !== 'boolean') {
				return { ok: false, error: 'expected { id: string, accept: boolean }' };
			}
			const r = await respondToTasking(ctx, userId, req.id, req.accept);
			return r.ok ? { ok: true, tasking: r.tasking } : r;
		}
	};
	answerEvents(socket as unknown as GuardedSocket, admit, handlers);
}
