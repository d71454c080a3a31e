// Every event a client sends goes through one wrapper: the sender is admitted (role, rate), the
// payload is bounded (depth, size) before a handler walks it, the handler's errors — thrown or
// rejected — are caught, and the sender always gets an answer: through its ack, or, when it gave
// none, a `request:error` event. An async listener that throws in Socket.IO is an unhandled
// rejection, which stopped the whole server (the security review's critical finding).
import { randomBytes } from 'node:crypto';
import { checkPayload, describeValue, SOCKET_LIMITS } from '../../domain/payload-guard.ts';
import type { Ack } from '../../realtime/contract.ts';
import { errorSummary } from '../http/errors.ts';

/** The little of a Socket.IO socket the wrapper uses, untyped by event. */
export interface GuardedSocket {
	id: string;
	data: { userId: number };
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	onAny(listener: (event: unknown, ...args: unknown[]) => void): unknown;
	emit(event: 'request:error', e: { event: string; error: string }): unknown;
}

export type Handler = (payload: unknown) => Ack | Promise<Ack>;

/**
 * Registers `handlers`; `admit` returns a refusal (forbidden, rate limited) or null. Events with
 * no handler are answered too, so a client never waits for an ack that cannot come.
 */
export function answerEvents(socket: GuardedSocket, admit: () => string | null, handlers: Record<string, Handler>): void {
	const known = new Set(Object.keys(handlers));
	const context = (event: string) => `event ${event}, socket ${socket.id}, user ${socket.data.userId}`;
	const replyTo = (event: string, ack: unknown) => (r: Ack) => {
		if (typeof ack !== 'function') {
			if (!r.ok) socket.emit('request:error', { event, error: r.error });
			return;
		}
		try {
			ack(r);
		} catch (e) {
			console.error(`realtime: ack failed (${context(event)}): ${errorSummary(e)}`);
		}
	};

	async function run(event: string, args: unknown[], handler: Handler): Promise<void> {
		const ack = typeof args.at(-1) === 'function' ? args.pop() : undefined;
		const reply = replyTo(event, ack);
		try {
			if (!ack) return reply({ ok: false, error: `${event}: send it with an acknowledgement callback, which gets the answer` });
			const refused = admit();
			if (refused) return reply({ ok: false, error: refused });
			if (args.length !== 1) return reply({ ok: false, error: `${event}: expected one payload and the ack, got ${args.length} payloads` });
			const shape = checkPayload(args[0], SOCKET_LIMITS);
			if (!shape.ok) return reply(shape);
			reply(await handler(args[0]));
		} catch (e) {
			const ref = randomBytes(4).toString('hex');
			console.error(`realtime: handler failed (${context(event)}, ref ${ref}): ${errorSummary(e)}`);
			reply({ ok: false, error: `server error (ref ${ref}): not processed; it will be retried` });
		}
	}

	for (const [event, handler] of Object.entries(handlers)) {
		socket.on(event, (...args: unknown[]) => void run(event, args, handler));
	}
	socket.onAny((event, ...args) => {
		if (typeof event === 'string' && known.has(event)) return;
		const name = typeof event === 'string' && event.length <= 40 ? event : describeValue(event);
		replyTo(name, args.at(-1))({ ok: false, error: `unknown event ${JSON.stringify(name)}: this server takes ${[...known].join(', ')}` });
	});
}
